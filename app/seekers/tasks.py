"""Background tasks of the job-seeker domain (run through app.tasks.enqueue)."""
from io import BytesIO

from flask_babel import gettext as _
from sqlalchemy.orm import lazyload, selectinload

from app.core.files import store_bytes
from app.core.formatting import today_jakarta
from app.extensions import db
from app.tasks import report_progress
from app.seekers.models import Ak1Card, Education, Experience, JobSeeker, Training

PRINTABLE = ("issued", "expired", "placed", "removed")  # cards that were issued and are not superseded
CHUNK = 200  # cards loaded per query; earlier chunks are left to the garbage collector
PROGRESS_EVERY = 10


def printable_ids(card_ids) -> list[int]:
    """The selected cards that can be printed, in the order selected, each once."""
    wanted = list(dict.fromkeys(int(i) for i in card_ids))
    found = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        found.update(db.session.scalars(
            db.select(Ak1Card.id).where(Ak1Card.id.in_(chunk), Ak1Card.status.in_(PRINTABLE),
                                        Ak1Card.number.is_not(None))))
    return [i for i in wanted if i in found]


def _cards(ids):
    """Cards chunk by chunk. A card prints its snapshot, so holders are loaded only for cards without one
    (imported or demo data). The session's identity map holds unchanged rows weakly: a printed chunk does not
    stay in memory."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        cards = {card.id: card for card in db.session.scalars(
            db.select(Ak1Card).options(lazyload(Ak1Card.job_seeker)).where(Ak1Card.id.in_(chunk)))}
        missing = [card.job_seeker_id for card in cards.values() if not card.snapshot]
        holders = db.session.scalars(_holders().where(JobSeeker.id.in_(missing))).all() if missing else ()
        for card_id in chunk:
            yield cards[card_id]
        del cards, holders


def _holders():
    """Job seekers with the rows a card prints; the rows' way back to their seeker is the identity map, not
    another eager load per row."""
    return db.select(JobSeeker).options(
        selectinload(JobSeeker.educations).lazyload(Education.job_seeker),
        selectinload(JobSeeker.trainings).lazyload(Training.job_seeker),
        selectinload(JobSeeker.experiences).lazyload(Experience.job_seeker))


def print_cards(card_ids: list[int]) -> dict:
    """Print the selected AK/I cards into one PDF, stored as a file for staff; the job page links to it."""
    from reports.ak1_card import render_cards

    ids = printable_ids(card_ids)
    total = len(ids)
    if not total:
        report_progress(1, 1, _("Tidak ada kartu AK/I yang dapat dicetak."))
        return {"file_id": None, "url": None, "count": 0}

    def progress(done):
        if done % PROGRESS_EVERY == 0 or done == total:
            report_progress(done, total, _("%(done)s dari %(total)s kartu", done=done, total=total))

    buffer = BytesIO()
    count = render_cards(_cards(ids), buffer, progress)
    stored = store_bytes(buffer.getvalue(), "ak1_batch", f"kartu-ak1-{today_jakarta():%Y%m%d}-{count}.pdf",
                         "application/pdf")
    db.session.commit()
    return {"file_id": stored.id, "url": f"/files/{stored.id}", "count": count}
