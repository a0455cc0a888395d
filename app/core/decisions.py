"""The workflow kit on screens and in the API: one decision panel and its endpoint, one API shape, generated
work queues. A screen mixes in ``DecisionViewMixin``, an API ``DecisionApiMixin``; the panel and the history
appear on the record's page by themselves (templates ``workflow/panel.html`` and ``workflow/history.html``)."""
from flask import abort, current_app, flash, g, make_response, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.api import protect, safe
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_babel import gettext as _, lazy_gettext as _l

from app.core.validation import DomainError
from app.core.workflow import StateConflict, decide, history
from app.extensions import db
from app.security.tenancy import get_owned_or_404, request_user


def may_take(action, workflow) -> bool:
    """Whether the current user holds the action's permission on the workflow's resource."""
    return bool(action.permission) and current_app.appbuilder.sm.has_access(f"can_{action.permission}",
                                                                            workflow.resource)


def panel_context(record) -> dict:
    """What workflow/panel.html and workflow/history.html show for a record."""
    wf = type(record).workflow
    return {"workflow": wf, "actions": [a for a in wf.available(record.status) if may_take(a, wf)],
            "transitions": history(db.session, record), "failed": getattr(g, "failed_decision", None)}


# Verbs that also open FAB's generated routes (add, edit, delete): never granted to a view through an action.
CRUD_VERBS = {"read", "create", "write", "delete"}


def _with_action_permissions(view):
    """The view's permissions include its actions' own verbs (can_verify, can_issue …), so role sync creates
    them. An action that needs a CRUD verb (the owner's "resubmit") relies on the resource's other screens: adding
    can_write here would open FAB's edit form of the decided row (its status included)."""
    wf = view.datamodel.obj.workflow
    view.base_permissions = sorted(set(view.base_permissions or ()) |
                                   {f"can_{a.permission}" for a in wf.actions
                                    if a.permission and a.permission not in CRUD_VERBS})


def _inputs(action, source):
    return {i.name: (source.get(i.name) or "").strip() for i in action.inputs}


def _check_inputs(action, data):
    """Required inputs present; dates (DD-MM-YYYY or ISO) become dates for the hooks."""
    from app.core.forms import BAD_DATE, parse_date

    for spec in action.inputs:
        if spec.required and not data.get(spec.name):
            raise DomainError(_("%(field)s wajib diisi.", field=spec.label))
        if spec.kind == "date" and data.get(spec.name):
            data[spec.name] = parse_date(data[spec.name])
            if data[spec.name] is None:
                raise DomainError(str(BAD_DATE))


class DecisionViewMixin:
    """POST /<view>/decide/<pk> with action, reason, note and the action's inputs. Reading the row is the
    endpoint's permission; each action then needs its own (verify, issue …). A refused decision shows the
    record again with what was typed and the message; a taken one goes back to the record's page."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _with_action_permissions(self)

    @expose("/decide/<pk>", methods=["POST"])
    @has_access
    def decide(self, pk):
        record = get_owned_or_404(db.session, self.datamodel.obj, pk)
        wf = type(record).workflow
        form = request.form
        action = wf.by_name.get(form.get("action", ""))
        if action is None or not may_take(action, wf):
            abort(403)
        data = _inputs(action, form)
        try:
            _check_inputs(action, data)
            decide(record, action.name, request_user(), form.get("note"), form.get("reason"), data,
                   seen=form.get("seen"))
            db.session.commit()
        except StateConflict as error:  # decided meanwhile: the panel no longer offers the action, say why on top
            db.session.rollback()
            flash(str(error), "danger")
            return make_response(self.show(pk), 409)
        except DomainError as error:
            db.session.rollback()
            g.failed_decision = {"action": action.name, "message": str(error), "values": form}
            return make_response(self.show(pk), 422)
        flash(_("%(action)s: tersimpan. Status sekarang %(status)s.", action=action.label,
                status=record.status_label), "success")
        # The record's own page: a queue's show page no longer holds a row that has left its state.
        return redirect(wf.link(record) if wf.link else url_for(".show", pk=pk))


class DecisionApiMixin:
    """POST /api/v1/<resource>/<pk>/<action> with JSON {reason, note, …inputs}: 200 with the row, 403 without
    the action's permission, 404 for an unknown action or a row the user may not reach, 409 when the row is no
    longer in a state the action starts from (decided meanwhile), 422 for any other refusal."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _with_action_permissions(self)

    @expose("/<int:pk>/<string:action>", methods=["POST"])
    @protect()
    @safe
    def decide(self, pk, action):
        record = self.datamodel.get(pk)
        if record is None:
            return self.response_404()
        wf = type(record).workflow
        chosen = wf.by_name.get(action)
        if chosen is None or chosen.permission is None:
            return self.response_404()
        if not may_take(chosen, wf):
            return self.response_403()
        body = request.get_json(silent=True) or {}
        if not isinstance(body, dict):
            return self.response_400(message=_("Isi permintaan harus berupa objek JSON."))
        data = _inputs(chosen, {k: str(v) for k, v in body.items() if v is not None})

        def run():
            _check_inputs(chosen, data)
            try:
                decide(record, chosen.name, request_user(), body.get("note"), body.get("reason"), data)
            except StateConflict as error:  # decided meanwhile (or long ago): the client's copy is stale
                db.session.rollback()
                return self.response(409, message=str(error))
            db.session.commit()
            return self.response(200, result=self.show_model_schema.dump(record))

        return self._guarded(run)


QUEUE_COLUMNS = ["waiting_since", "waiting_days", "deadline_date", "overdue"]
QUEUE_LABELS = {"waiting_since": _l("Menunggu sejak"), "waiting_days": _l("Lama menunggu (hari kerja)"),
                "deadline_date": _l("Tenggat"), "overdue": _l("Lewat tenggat")}


def queue_view(base, name, state, title):
    """A work queue: the rows of `base` waiting in `state`, oldest first, with their age and the office's
    deadline. Register it with ``add_queue`` so only the people who decide see it in their menu."""
    return type(name, (base,), {
        "list_title": title, "base_filters": [["status", FilterEqual, state]],
        "base_order": ("status_changed_at", "asc"), "queue_state": state,
        "list_columns": [c for c in base.list_columns if c != "status_label"] + QUEUE_COLUMNS,
        "label_columns": {**base.label_columns, **QUEUE_LABELS},
    })


def add_queue(appbuilder, view, menu_name, category, icon="fa-inbox"):
    """Menu entry of a queue, shown to whoever may take the first action of its state."""
    from app.core.menu import add_view

    wf = view.datamodel.obj.workflow
    instance = add_view(appbuilder, view, menu_name, category, icon=icon)
    permission = next(a.permission for a in wf.available(view.queue_state) if a.permission)
    appbuilder.menu_resources[menu_name] = (instance.class_permission_name, permission)
    return instance


def register(appbuilder):
    current_app.jinja_env.globals["decision_panel"] = panel_context
