"""The office profile: one row, printed on every letterhead and signature block (reports/shell.py)."""
from sqlalchemy import CheckConstraint, Column, Integer, String

from app.core.models import Model, TimestampMixin

DEFAULT_GOVERNMENT, DEFAULT_OFFICE, DEFAULT_CITY = "Pemerintah Kabupaten Tangerang", "Dinas Tenaga Kerja", "Tigaraksa"


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
    # The office's identity on every document: after a reorganisation or a change of name Admin edits it here.
    government_name = Column(String(150), nullable=False, default=DEFAULT_GOVERNMENT,
                             server_default=DEFAULT_GOVERNMENT)
    office_name = Column(String(150), nullable=False, default=DEFAULT_OFFICE, server_default=DEFAULT_OFFICE)
    city = Column(String(60), nullable=False, default=DEFAULT_CITY, server_default=DEFAULT_CITY)  # place of signing

    @property
    def region(self) -> str:
        """"Kabupaten Tangerang" of "Pemerintah Kabupaten Tangerang"."""
        government = " ".join((self.government_name or "").split())
        return government[len("Pemerintah "):] if government.lower().startswith("pemerintah ") else government

    @property
    def office_full_name(self) -> str:
        """"Dinas Tenaga Kerja Kabupaten Tangerang": how letters name the office in their text."""
        return " ".join(filter(None, [self.office_name, self.region]))

    @property
    def contact_line(self) -> str:
        """The letterhead's second line: address and postal code, telephone, e-mail."""
        address = " ".join(filter(None, [self.address, self.postal_code]))
        parts = [address, f"Telp. {self.phone}" if self.phone else None,
                 f"E-mail: {self.email}" if self.email else None]
        return " \u2022 ".join(filter(None, parts))

    def __repr__(self):
        return self.head_name or "Profil kantor"
