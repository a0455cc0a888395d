"""Every role and what it may do, as code. `flask dnaker sync-roles` makes the database match this file.

A permission is an action on a resource: screens and APIs of one resource share its name (see
``app.core.views``), so "read" on "Company" opens the company list, its detail pages, its export and
GET /api/v1/company/. Menu entries follow: a role sees a menu item when it may read the resource behind it
(and, for the entries of MENU_ROLES, only when it is one of the roles listed there).
"""

ADMIN = "Admin"
KEPALA_DINAS = "Kepala Dinas"
PETUGAS_ANTARKERJA = "Petugas Antarkerja"
PETUGAS_HI = "Petugas Hubungan Industrial"
PETUGAS_TKA = "Petugas TKA"
PENGAWAS = "Pengawas"
BENDAHARA = "Bendahara Penerimaan"  # the office's revenue treasurer: confirms DKPTKA money arrived (issue 12)
OPERATOR = "Operator Perusahaan"
PENCARI_KERJA = "Pencari Kerja"
PUBLIC = "Public"

STAFF_ROLES = frozenset({ADMIN, KEPALA_DINAS, PETUGAS_ANTARKERJA, PETUGAS_HI, PETUGAS_TKA, PENGAWAS, BENDAHARA})
# Scoped roles: the kind of owner they act for and the user attribute holding its id (see tenancy.py).
SCOPED_ROLES = {OPERATOR: ("company", "company_id"), PENCARI_KERJA: ("seeker", "job_seeker_id")}

R = frozenset({"read"})
RW = frozenset({"read", "write"})  # read and change existing rows
RCW = frozenset({"read", "create", "write"})
RCWD = frozenset({"read", "create", "write", "delete"})
ALL = "*"

# Resources whose read permission every signed-in role has: the reference tables, the own inbox and
# stored files (tenancy limits operators and job seekers to their own).
COMMON = {"Reference": R, "Notification": RW, "File": R, "Job": R}  # Job: progress of the own jobs


ROLES = {
    ADMIN: ALL,
    KEPALA_DINAS: {
        ALL: R,  # reads everything
        "Company": R | {"verify"},
        "Operator": R | {"verify"},
        "Audit": R,
        "IpkReport": R | {"close"},
    },
    PETUGAS_ANTARKERJA: {
        "Company": R, "Branch": R,
        "JobSeeker": RCW | {"merge"}, "SeekerProfile": RCWD, "Skill": RCW,
        "Ak1": RCW | {"verify", "issue", "rereport", "close"},
        "Ak1Queue": R | {"verify", "issue", "rereport", "close"},
        # Vacancies recorded for a company, verified, matched; placements; job fairs run by the office
        "Vacancy": RCW | {"verify"}, "Application": RCW | {"decide"}, "Placement": RCWD,
        "JobFair": RCWD | {"verify", "checkin"}, "VacancyReport": R, "Dashboard": R,
        "IpkReport": R | {"close"},
        "FairCompany": R | {"verify"},  # companies' requests to join a fair (decided under "JobFair")
        "ReportArchive": R,  # "Arsip Laporan": the reports above it may read (app/reporting/registry.py)
    },
    PETUGAS_HI: {"Company": RCW | {"verify"}, "Branch": RCW, "Operator": RCW | {"verify"}, "Pkwt": RCW | {"verify"},
                 "PkwtRecap": R, "ReportArchive": R},
    PETUGAS_TKA: {"Company": R, "Branch": R, "ForeignWorker": RCW,  # every company's foreign workers
                  "TkaExtension": RCW | {"decide"},  # checks and decides RPTKA extension requests; files one
                  # for a company that brings its papers to the counter
                  "TkaRecap": R, "ReportArchive": R,  # the recap, also archived monthly (registry)
                  "DkptkaPayment": R | {"validate"},  # validates DKPTKA payments the treasurer confirmed
                  "DkptkaRevenue": R},  # DKPTKA revenue per month
    BENDAHARA: {"ForeignWorker": R, "TkaExtension": R,
                "DkptkaPayment": R | {"receive"},  # read-only but for confirming that DKPTKA money arrived
                "DkptkaRevenue": R, "ReportArchive": R},  # revenue per month, also archived monthly (registry)
    PENGAWAS: {"Company": R, "Branch": R},
    OPERATOR: {"Company": RW, "Branch": RCWD, "Pkwt": RCWD,
               "Vacancy": RCW, "Application": R | {"decide"}, "Placement": R | {"create"},
               "JobFair": R | {"join"}, "FairCompany": R | {"join"},  # join a fair; fairs themselves are the office's
               "ForeignWorker": RCW,  # the own company's foreign workers (laporan keberadaan TKA)
               "TkaExtension": RCW,  # the own company's RPTKA extension requests
               "DkptkaPayment": RCW},  # the own company's DKPTKA payments: submit, correct, resubmit
    # own records only (tenancy); the profile comes from self-registration
    PENCARI_KERJA: {"JobSeeker": RW, "SeekerProfile": RCWD, "Skill": R | {"create"}, "Ak1": R | {"create", "rereport"},
                    "Application": R | {"create", "withdraw"}, "Placement": R,
                    "JobFair": R | {"register"}},  # register for a fair, download the own ticket
    PUBLIC: {},
}

# Menu entries (or whole categories) offered only to these roles. The others keep the permission (lookups in
# forms, links from other pages) without a menu entry that would be noise, a list of one row or a dead end.
MENU_ROLES = {
    "Data Referensi": {ADMIN},  # everyone looks reference values up; Admin keeps the tables
    "Unggah PKWT (Excel)": {OPERATOR},  # only an operator's account belongs to a company that submits
    "Pencari Kerja": STAFF_ROLES,  # the job seeker has "Profil saya" and "Kartu AK/I saya" instead
    "Profil saya": {PENCARI_KERJA},
    "Kartu AK/I saya": {PENCARI_KERJA},
    "Daftar Bursa Kerja": STAFF_ROLES | {OPERATOR},  # job seekers have the public /bursa and their tickets instead
    "Tiket bursa kerja saya": {PENCARI_KERJA},
    "Lamaran saya": {PENCARI_KERJA},  # the seeker's own applications page; the list below is for those who decide
    "Lamaran Masuk": STAFF_ROLES | {OPERATOR},
    "Lowongan cocok untuk saya": {PENCARI_KERJA},  # officers open a seeker's from /lowongan-cocok/pencari/<id>
}

# Read-only for everyone, Admin included (append-only logs).
READ_ONLY = frozenset({"Audit", "LoginEvent"})

# What every signed-in user needs: FAB's own account pages (own profile, own password) and the API document.
ACCOUNT_PERMISSIONS = {
    ("can_userinfo", "UserDBModelView"),
    ("can_this_form_get", "ResetMyPasswordView"),
    ("can_this_form_post", "ResetMyPasswordView"),
    ("can_this_form_get", "UserInfoEditView"),
    ("can_this_form_post", "UserInfoEditView"),
    ("can_get", "OpenApi"), ("can_show", "SwaggerView"),  # the API's contract (/api/v1/_openapi, /swagger/v1)
}


def grants(role: str, resource: str) -> frozenset:
    """The actions `role` has on `resource` (e.g. {"read", "write"})."""
    spec = ROLES[role]
    if spec == ALL:
        actions = None  # everything
    else:
        if role == PUBLIC:
            return frozenset()
        actions = set(COMMON.get(resource, ())) | set(spec.get(resource, ()))
        if ALL in spec:
            actions |= set(spec[ALL])
    if actions is None:
        return frozenset({"*"})
    if resource in READ_ONLY:
        actions &= {"read"}
    return frozenset(actions)


def allows(role: str, action: str, resource: str) -> bool:
    granted = grants(role, resource)
    if "*" in granted:
        return not (resource in READ_ONLY and action not in ("read",))
    return action in granted
