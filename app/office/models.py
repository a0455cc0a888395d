"""The office profile: one row, printed on every letterhead and signature block."""
from sqlalchemy import CheckConstraint, Column, Integer, String

from app.core.models import Model, TimestampMixin


class OfficeProfile(TimestampMixin, Model):
    __tablename__ = "office_profile"
    # The naming convention makes it ck_office_profile_single_row.
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id = Column(Integer, primary_key=True, default=1)
    head_name = Column(String(150), nullable=False, default="")  # with degrees, as signed
    head_rank = Column(String(100))  # pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)"
    head_nip = Column(String(25))  # 18 digits (typed with spaces, stored without)
    address = Column(String(300), nullable=False, default="")
    postal_code = Column(String(5))
    phone = Column(String(30))
    email = Column(String(120))

    @property
    def contact_line(self) -> str:
        """The letterhead's second line: address and postal code, telephone, e-mail."""
        address = " ".join(filter(None, [self.address, self.postal_code]))
        parts = [address, f"Telp. {self.phone}" if self.phone else None,
                 f"E-mail: {self.email}" if self.email else None]
        return " \u2022 ".join(filter(None, parts))

    def __repr__(self):
        return self.head_name or "Profil kantor"
