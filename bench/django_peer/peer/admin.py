"""Django admin pages mirroring the app's list pages (bench/lists.py PAGES): the same columns, filters and text
search, 25 rows a page, the shown relations in one query (list_select_related), no full count of the table."""
from django.contrib import admin

from . import models


class PeerAdmin(admin.ModelAdmin):
    list_per_page = 25
    show_full_result_count = False
    ordering = ("-id",)


def label(field):
    """A column shown as its choice label, like the app's *_label columns."""
    def column(obj):
        return getattr(obj, f"get_{field}_display")()
    column.short_description = field
    return column


@admin.register(models.JobSeeker)
class JobSeekerAdmin(PeerAdmin):
    list_display = ("nik", "full_name", "birth_date", label("sex"), "kecamatan", "education_level", "registered_at")
    list_select_related = ("kecamatan", "education_level")
    list_filter = ("kecamatan", "education_level", "sex", "status", "registered_at")
    search_fields = ("=nik", "full_name")


@admin.register(models.Company)
class CompanyAdmin(PeerAdmin):
    list_display = ("name", "legal_form", "nib", "npwp", "kecamatan", "employer_type", label("status"))
    list_select_related = ("legal_form", "kecamatan", "employer_type")
    list_filter = ("kecamatan", "employer_type", "status")
    search_fields = ("name", "=nib", "=npwp")
    ordering = ()  # the app's company list has no order of its own either


@admin.register(models.Branch)
class BranchAdmin(PeerAdmin):
    list_display = ("name", "company", "kecamatan", "headcount")
    list_select_related = ("company", "kecamatan")
    search_fields = ("name",)


@admin.register(models.PkwtContract)
class PkwtContractAdmin(PeerAdmin):
    list_display = ("full_name", "company", "position", label("kind"), "start_date", "end_date", "submission", "late",
                    "below_minimum_wage")
    list_select_related = ("company", "submission")
    list_filter = ("kind", "sex", "start_date", "end_date", "late", "below_minimum_wage", "minimum_wage_missing",
                   "unlinked_earlier")  # by company: ?company__id__exact=, like the app's company id field
    search_fields = ("full_name", "=nik")


@admin.register(models.PkwtSubmission)
class PkwtSubmissionAdmin(PeerAdmin):
    list_display = ("number", "company", label("status"), "submitted_at", "registered_at", "source")
    list_select_related = ("company",)
    list_filter = ("status", "registered_at")
    search_fields = ("number",)


@admin.register(models.Ak1Card)
class Ak1CardAdmin(PeerAdmin):
    list_display = ("number", "job_seeker", label("application_type"), label("status"), "issued_at", "valid_until")
    list_select_related = ("job_seeker",)
    list_filter = ("status", "application_type", "issued_at", "valid_until")
    search_fields = ("number",)
