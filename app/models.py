"""Every model, imported in one place so Alembic and the tests see the whole schema."""
from app.core.models import Model  # noqa: F401
from app.audit.models import AuditEntry  # noqa: F401
from app.companies.models import Branch, Company  # noqa: F401
from app.core.workflow import TransitionLog  # noqa: F401
from app.reference.models import (CollectiveLeaveDay, EducationLevel, EmployerType, Kbji, Kbli,  # noqa: F401
                                  LegalForm, MaritalStatus, Region, Religion, SchoolLevel)
from app.security.models import AppUser, LoginEvent  # noqa: F401
from app.core.files import StoredFile  # noqa: F401
from app.core.notifications import Notification, NotificationPreference  # noqa: F401
from app.core.numbering import NumberSequence  # noqa: F401
from app.seekers.models import (Ak1Card, Ak1Report, Education, Experience, JobSeeker, SeekerLanguage,  # noqa: F401
                                SeekerPreference, SeekerSkill, Skill, Training)
from app.contracts.models import DailyWorkReport, MinimumWage, PkwtContract, PkwtSubmission  # noqa: F401
from app.office.models import OfficeProfile  # noqa: F401
from app.reporting.archive import ReportGeneration, ReportGenerationFile  # noqa: F401
from app.vacancies.models import (Application, FairCompany, FairRegistration, FairVacancy, Invitation,  # noqa: F401
                                  JobFair, Placement, Vacancy, VacancySkill, VacancySlotEvent)
from app.reporting.ipk.models import IpkMonth  # noqa: F401
from app.foreign_workers.models import ForeignWorker, ForeignWorkerEvent, ForeignWorkerLocation  # noqa: F401
from app.foreign_workers.extensions import ExtensionRequest  # noqa: F401
from app.foreign_workers.payments import DkptkaPayment  # noqa: F401
