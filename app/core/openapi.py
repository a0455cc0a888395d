"""The API's contract: the OpenAPI document at /api/v1/_openapi (Swagger UI at /swagger/v1), for signed-in users.

FAB documents its generated CRUD endpoints from their marshmallow schemas. ``DocumentedApi`` completes, once for
every REST resource, what FAB leaves out or gets wrong: one error shape with its examples, 403 where a permission
is checked, 404 where a row is named, the workflow decision endpoint (its actions, reasons and inputs), an example
body per resource, integer ids (FAB says strings). No 500 is documented: the API must never answer one.
Descriptions go through gettext: the document is in the reader's language, like the screens.
"""
from apispec import APISpec
from flask_babel import gettext as _

ERROR_SCHEMA = {
    "type": "object", "required": ["message"],
    "properties": {"message": {"anyOf": [
        {"type": "string"},
        {"type": "object", "description": "column -> its messages (marshmallow validation)",
         "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    ]}},
}


def _error_responses():
    """Every error the API answers, each with the situations behind it and a body like the real ones."""
    cases = {
        "400": (_("Permintaan tidak valid: JSON rusak atau bukan objek, parameter q tidak terbaca, atau isian "
                  "tidak lolos pemeriksaan (pesan per kolom)."),
                {"message": {"nik": [_("NIK harus 16 digit angka.")]}}),
        "401": (_("Belum masuk: token JWT tidak ada, tidak sah, atau sudah kedaluwarsa."),
                {"message": "Not authorized"}),
        "403": (_("Peran Anda tidak memiliki izin untuk tindakan ini."), {"message": "Forbidden"}),
        "404": (_("Data tidak ada, atau bukan milik perusahaan/akun Anda (tidak dibedakan)."),
                {"message": "Not found"}),
        "409": (_("Data sudah berubah sejak Anda membacanya (misalnya keputusan yang sama baru saja diambil "
                  "petugas lain). Muat ulang datanya lalu coba lagi."),
                {"message": _("Pengajuan ini sudah diputuskan oleh petugas lain.")}),
        "422": (_("Ditolak oleh aturan layanan; pesannya menjelaskan alasannya."),
                {"message": _("Tanggal berakhir harus sesudah tanggal mulai.")}),
        "503": (_("Layanan sedang tidak tersedia (basis data tidak terjangkau); coba lagi setelah Retry-After "
                  "detik."), {"message": _("Layanan sedang tidak tersedia, coba lagi sebentar.")}),
    }
    return {code: {"description": text,
                   "content": {"application/json": {"schema": ERROR_SCHEMA, "example": example}}}
            for code, (text, example) in cases.items()}


def _ref(code):
    return {"$ref": f"#/components/responses/{code}"}


# What GET /_info answers for each column of the add and edit forms (FAB documents an object).
FIELD_INFO = {"type": "array", "items": {"type": "object", "required": ["name", "label", "type", "required"],
                                         "properties": {
    "name": {"type": "string"}, "label": {"type": "string"}, "description": {"type": "string"},
    "type": {"type": "string", "example": "String"}, "required": {"type": "boolean"}, "unique": {"type": "boolean"},
    "count": {"type": "integer", "description": "related rows you may choose"},
    "values": {"type": "array", "items": {"type": "object", "properties": {"id": {}, "value": {"type": "string"}}}},
    "validate": {"type": "array", "items": {"type": "string"}}}}}


def _set_integer_ids(schema):
    """FAB documents the ids it returns as strings; they are integers."""
    properties = schema.get("properties", {})
    if properties.get("id", {}).get("type") == "string":
        properties["id"] = {**properties["id"], "type": "integer"}
    if properties.get("ids", {}).get("items", {}).get("type") == "string":
        properties["ids"] = {**properties["ids"], "items": {"type": "integer"}}


class DocumentedApi:
    """Mixed into every REST resource (``AppRestApi``). A resource may set ``openapi_example``: a valid body
    for POST, shown in the document and used by the fuzz run's first examples."""

    openapi_example: dict | None = None

    def add_apispec_components(self, api_spec: APISpec) -> None:
        super().add_apispec_components(api_spec)
        # FAB's own APIs registered their {"message": string} responses first: ours describe the real bodies.
        api_spec.components.responses.update(_error_responses())

    def operation_helper(self, path=None, operations=None, methods=None, func=None, **kwargs):
        super().operation_helper(path=path, operations=operations, methods=methods, func=func, **kwargs)
        for method in methods:
            if func.__name__ == "decide":
                operations[method.lower()] = self._decision_operation()
            self._complete(path, operations[method.lower()], func.__name__)

    def _complete(self, path, operation, name):
        responses = operation.setdefault("responses", {})
        responses.pop("500", None)
        responses.pop(500, None)  # FAB's docstrings' YAML keys are integers
        for response in responses.values():
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            _set_integer_ids(schema)
            if name == "info" and "add_columns" in schema.get("properties", {}):
                schema["properties"].update(add_columns=FIELD_INFO, edit_columns=FIELD_INFO)
        if operation.get("security"):
            responses.setdefault("401", _ref("401"))
            responses.setdefault("403", _ref("403"))
        responses.setdefault("503", _ref("503"))
        body = operation.get("requestBody")
        if "{pk}" in path or body:  # a body may name a related row the user may not reach
            responses.setdefault("404", _ref("404"))
        if body:
            responses.setdefault("400", _ref("400"))
            responses.setdefault("422", _ref("422"))
            if name == "post" and self.openapi_example:
                body["content"]["application/json"]["example"] = self.openapi_example
        operation.setdefault("summary", self._summary(name))

    def _summary(self, name):
        label = self.openapi_spec_tag or type(self).__name__
        return {"get_list": _("Daftar %(name)s (filter, urutan, halaman lewat q)", name=label),
                "get": _("Satu data %(name)s", name=label),
                "info": _("Metadata %(name)s: filter dan izin Anda", name=label),
                "post": _("Tambah %(name)s", name=label),
                "put": _("Ubah %(name)s (hanya kolom yang dikirim)", name=label),
                "delete": _("Hapus %(name)s", name=label)}.get(name, label)

    def _decision_operation(self):
        """POST /<resource>/<pk>/<action> (app.core.decisions.DecisionApiMixin), from the workflow's own data."""
        workflow = self.datamodel.obj.workflow
        actions = [a for a in workflow.actions if a.permission]
        reasons = sorted({code for a in actions for code in (a.reasons or {})})
        inputs = {i.name: {"type": "string", "format": "date"} if i.kind == "date" else {"type": "string"}
                  for a in actions for i in a.inputs}
        lines = []
        for a in actions:
            rules = [_("izin: %(permission)s", permission=f"can_{a.permission}"),
                     _("dari status: %(states)s", states=", ".join(a.sources))]
            if a.reasons:
                rules.append(_("reason wajib, salah satu dari: %(codes)s", codes=", ".join(a.reasons)))
            if a.needs_note:
                rules.append(_("note wajib"))
            for i in a.inputs:
                rules.append(_("%(name)s (%(label)s)%(required)s", name=i.name, label=str(i.label),
                               required=_(", wajib") if i.required else ""))
            lines.append(f"- `{a.name}` — {a.label}: {'; '.join(rules)}")
        return {
            "summary": _("Ambil keputusan alur kerja atas satu data"),
            "description": _("Tindakan yang tersedia:") + "\n\n" + "\n".join(lines) + "\n\n" +
            _("Tindakan yang tidak berlaku untuk status data saat ini ditolak: 409 bila data baru saja diputuskan "
              "orang lain, 422 untuk aturan lainnya."),
            "parameters": [
                {"in": "path", "name": "pk", "required": True, "schema": {"type": "integer"}},
                {"in": "path", "name": "action", "required": True,
                 "schema": {"type": "string", "enum": [a.name for a in actions]}},
            ],
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": {"type": "object", "properties": {
                    "reason": {"type": "string", "enum": reasons} if reasons else {"type": "string"},
                    "note": {"type": "string"}, **inputs}},
                "example": {"note": _("Lampiran sudah lengkap.")},
            }}},
            "responses": {
                "200": {"description": _("Keputusan tersimpan; data dengan status barunya."),
                        "content": {"application/json": {"schema": {
                            "type": "object", "properties": {
                                "result": {"$ref": f"#/components/schemas/{self.show_model_schema_name}"}}}}}},
                "409": _ref("409"), "422": _ref("422"),
            },
            "security": [{"jwt": []}],
        }
