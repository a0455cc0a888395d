"""The benchmark tables as unmanaged Django models (from `inspectdb`; relations named as in the app)."""
from django.db import models

SEX = [("L", "Laki-laki"), ("P", "Perempuan")]
SEEKER = [("active", "Aktif"), ("merged", "Digabung ke data lain")]
COMPANY = [("submitted", "Menunggu verifikasi"), ("returned", "Dikembalikan"), ("verified", "Terverifikasi"),
           ("rejected", "Ditolak")]
SUBMISSION = [("submitted", "Diajukan"), ("returned", "Dikembalikan"), ("approved", "Tercatat"),
              ("rejected", "Ditolak")]
AK1 = [(s, s.capitalize()) for s in ("submitted", "returned", "verified", "rejected", "issued", "expired", "placed",
                                      "removed", "closed")]
AK1_TYPES = [("baru", "Baru"), ("perbaikan", "Perbaikan"), ("perpanjangan", "Perpanjangan")]
PKWT_KINDS = [("jangka_waktu", "Jangka waktu"), ("selesai", "Selesainya suatu pekerjaan"), ("harian", "Harian")]
KECAMATAN = {"level": "kecamatan"}


class JobSeeker(models.Model):
    nik = models.CharField(unique=True, max_length=16)
    full_name = models.CharField(max_length=150)
    full_name_key = models.CharField(max_length=150)
    birth_place = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, choices=SEX)
    email = models.CharField(max_length=120, blank=True, null=True)
    phone = models.CharField(max_length=20, blank=True, null=True)
    religion_code = models.IntegerField(blank=True, null=True)
    marital_status_code = models.IntegerField(blank=True, null=True)
    address = models.CharField(max_length=300, blank=True, null=True)
    kecamatan = models.ForeignKey(
        'Region', models.DO_NOTHING, db_column='kecamatan_code', limit_choices_to=KECAMATAN, blank=True, null=True)
    desa = models.ForeignKey(
        'Region', models.DO_NOTHING, db_column='desa_code', related_name='jobseeker_desa_code_set',
        blank=True, null=True)
    height_cm = models.IntegerField(blank=True, null=True)
    weight_kg = models.IntegerField(blank=True, null=True)
    disability = models.CharField(max_length=200, blank=True, null=True)
    expected_wage = models.IntegerField(blank=True, null=True)
    work_time = models.CharField(max_length=10, blank=True, null=True)
    willing_outside_regency = models.BooleanField()
    willing_abroad = models.BooleanField()
    photo_file_id = models.IntegerField(blank=True, null=True)
    ktp_file_id = models.IntegerField(blank=True, null=True)
    diploma_file_id = models.IntegerField(blank=True, null=True)
    education_level = models.ForeignKey(
        'SchoolLevel', models.DO_NOTHING, db_column='education_level_code', blank=True, null=True)
    registered_at = models.DateField()
    status = models.CharField(max_length=10, choices=SEEKER)
    merged_into_id = models.IntegerField(blank=True, null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = 'job_seeker'

    def __str__(self):
        return self.full_name or "–"


class Company(models.Model):
    name = models.CharField(max_length=200)
    legal_form = models.ForeignKey('LegalForm', models.DO_NOTHING, db_column='legal_form_code')
    nib = models.CharField(unique=True, max_length=13)
    npwp = models.CharField(unique=True, max_length=16)
    kbli_id = models.IntegerField(blank=True, null=True)
    employer_type = models.ForeignKey('EmployerType', models.DO_NOTHING, db_column='employer_type_code')
    address = models.CharField(max_length=300)
    kecamatan = models.ForeignKey('Region', models.DO_NOTHING, db_column='kecamatan_code', limit_choices_to=KECAMATAN)
    desa = models.ForeignKey('Region', models.DO_NOTHING, db_column='desa_code', related_name='company_desa_code_set')
    postal_code = models.CharField(max_length=5, blank=True, null=True)
    phone = models.CharField(max_length=20, blank=True, null=True)
    email = models.CharField(max_length=120, blank=True, null=True)
    contact_name = models.CharField(max_length=120, blank=True, null=True)
    contact_phone = models.CharField(max_length=20, blank=True, null=True)
    headcount_male = models.IntegerField()
    headcount_female = models.IntegerField()
    bpjs_tk_number = models.CharField(max_length=20, blank=True, null=True)
    status = models.CharField(max_length=20, choices=COMPANY)
    verified_at = models.DateTimeField(blank=True, null=True)
    status_note = models.TextField(blank=True, null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    status_changed_at = models.DateTimeField(blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'company'

    def __str__(self):
        return self.name or "–"


class PkwtContract(models.Model):
    submission = models.ForeignKey('PkwtSubmission', models.DO_NOTHING)
    company = models.ForeignKey(Company, models.DO_NOTHING)
    nik = models.CharField(max_length=16, blank=True, null=True)
    passport_number = models.CharField(max_length=20, blank=True, null=True)
    full_name = models.CharField(max_length=150)
    sex = models.CharField(max_length=1, choices=SEX)
    birth_date = models.DateField()
    address = models.CharField(max_length=300)
    nationality = models.CharField(max_length=2)
    position = models.CharField(max_length=150)
    place_of_work = models.CharField(max_length=200)
    wage = models.IntegerField()
    wage_payment = models.CharField(max_length=10)
    kind = models.CharField(max_length=12, choices=PKWT_KINDS)
    start_date = models.DateField()
    end_date = models.DateField(blank=True, null=True)
    completion_criterion = models.TextField(blank=True, null=True)
    sequence = models.IntegerField()
    previous_id = models.IntegerField(blank=True, null=True)
    signed_at = models.DateField()
    contract_file_id = models.IntegerField(blank=True, null=True)
    late = models.BooleanField()
    late_working_days = models.IntegerField(blank=True, null=True)
    below_minimum_wage = models.BooleanField()
    becomes_permanent = models.BooleanField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    minimum_wage = models.IntegerField(blank=True, null=True)
    minimum_wage_missing = models.BooleanField()
    unlinked_earlier = models.BooleanField()
    ended_at = models.DateField(blank=True, null=True)
    end_reason = models.CharField(max_length=20, blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'pkwt_contract'

    def __str__(self):
        return self.full_name or "–"


class PkwtSubmission(models.Model):
    company = models.ForeignKey(Company, models.DO_NOTHING)
    source = models.CharField(max_length=10)
    source_sha256 = models.CharField(max_length=64, blank=True, null=True)
    status = models.CharField(max_length=12, choices=SUBMISSION)
    submitted_at = models.DateTimeField()
    note = models.TextField(blank=True, null=True)
    number = models.CharField(unique=True, max_length=40, blank=True, null=True)
    serial_year = models.IntegerField(blank=True, null=True)
    serial = models.IntegerField(blank=True, null=True)
    registered_at = models.DateField(blank=True, null=True)
    signed_by_name = models.CharField(max_length=150, blank=True, null=True)
    signed_by_nip = models.CharField(max_length=18, blank=True, null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    status_changed_at = models.DateTimeField(blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'pkwt_submission'

    def __str__(self):
        return self.number or "–"


class Ak1Card(models.Model):
    job_seeker = models.ForeignKey(JobSeeker, models.DO_NOTHING)
    application_type = models.CharField(max_length=12, choices=AK1_TYPES)
    previous_id = models.IntegerField(blank=True, null=True)
    status = models.CharField(max_length=12, choices=AK1)
    number = models.CharField(max_length=20, blank=True, null=True)
    serial_year = models.IntegerField(blank=True, null=True)
    serial = models.IntegerField(blank=True, null=True)
    snapshot = models.TextField(blank=True, null=True)
    note = models.TextField(blank=True, null=True)
    rejection_reason = models.CharField(max_length=30, blank=True, null=True)
    submitted_at = models.DateTimeField(blank=True, null=True)
    verified_at = models.DateTimeField(blank=True, null=True)
    issued_at = models.DateField(blank=True, null=True)
    valid_until = models.DateField(blank=True, null=True)
    signed_by_name = models.CharField(max_length=150, blank=True, null=True)
    signed_by_nip = models.CharField(max_length=18, blank=True, null=True)
    placed_at = models.DateField(blank=True, null=True)
    placement_employer = models.CharField(max_length=200, blank=True, null=True)
    removed_at = models.DateField(blank=True, null=True)
    removal_reason = models.CharField(max_length=30, blank=True, null=True)
    expired_at = models.DateField(blank=True, null=True)
    closed_at = models.DateField(blank=True, null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    status_changed_at = models.DateTimeField(blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'ak1_card'

    def __str__(self):
        return self.number or "–"


class Branch(models.Model):
    company = models.ForeignKey(Company, models.DO_NOTHING)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300)
    kecamatan = models.ForeignKey('Region', models.DO_NOTHING, db_column='kecamatan_code')
    desa = models.ForeignKey(
        'Region', models.DO_NOTHING, db_column='desa_code', related_name='branch_desa_code_set', blank=True, null=True)
    phone = models.CharField(max_length=20, blank=True, null=True)
    headcount = models.IntegerField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = 'branch'

    def __str__(self):
        return self.name or "–"


class Region(models.Model):
    code = models.CharField(primary_key=True, max_length=13)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10)
    parent_code = models.CharField(max_length=13, blank=True, null=True)
    lat = models.FloatField(blank=True, null=True)
    lng = models.FloatField(blank=True, null=True)
    postal_code = models.CharField(max_length=5, blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'region'

    def __str__(self):
        return self.name or "–"


class SchoolLevel(models.Model):
    code = models.CharField(primary_key=True, max_length=4)
    name = models.CharField(max_length=50)
    ipk_code = models.CharField(max_length=10)
    sort_order = models.IntegerField()

    class Meta:
        managed = False
        db_table = 'school_level'

    def __str__(self):
        return self.name or "–"


class LegalForm(models.Model):
    code = models.CharField(primary_key=True, max_length=12)
    name = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = 'legal_form'

    def __str__(self):
        return self.name or "–"


class EmployerType(models.Model):
    code = models.CharField(primary_key=True, max_length=10)
    name = models.CharField(max_length=100)
    ipk_label = models.CharField(max_length=100, blank=True, null=True)

    class Meta:
        managed = False
        db_table = 'employer_type'

    def __str__(self):
        return self.name or "–"
