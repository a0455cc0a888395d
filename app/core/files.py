"""Uploaded files: checked by content and size, stored outside static/, served after an ownership check."""
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from app.core.models import Model, utcnow


class StoredFile(Model):
    __tablename__ = "stored_file"
    __tenant__ = {"company": "company_id", "seeker": "job_seeker_id"}

    id = Column(Integer, primary_key=True)
    company_id = Column(Integer, ForeignKey("company.id"), index=True)
    job_seeker_id = Column(Integer, index=True)  # owner when a job seeker uploads (FK added with job seekers)
    kind = Column(String(30), nullable=False)  # e.g. photo, ktp, diploma, contract
    original_name = Column(String(255), nullable=False)
    storage_path = Column(String(255), nullable=False, unique=True)  # relative to UPLOAD_FOLDER
    content_type = Column(String(100), nullable=False)
    size = Column(Integer, nullable=False)
    sha256 = Column(String(64), nullable=False, index=True)
    uploaded_by_id = Column(Integer, ForeignKey("ab_user.id"))
    uploaded_at = Column(DateTime(timezone=True), default=utcnow, nullable=False)

    def __repr__(self):
        return self.original_name
