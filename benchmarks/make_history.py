"""Write a realistic history of past meetings into a MeetingDesk data folder, for benchmarks.

    python benchmarks/make_history.py --home /tmp/md-10k --meetings 10000 [--seed 7]

About 200 people with varied names (accents, hyphens, apostrophes), meetings spread
over the last few years, every built-in agenda, 4 to 8 sections with notes of a few
hundred words, 2 to 6 actions (open only in the newest ten meetings, settled before),
0 to 3 goals (achieved or dropped except in the newest ten meetings), a cadence and a next
check-in, private notes in some sections. Every meeting is ended except one
live meeting from the day before; the newest meeting (ended, a few hours ago) is the
one `run.py` looks for.

How it writes: each meeting file goes through the store's one atomic write
(`meetingdesk.storage.files.write_private_file`: temp file, fsync, rename, 0600) at the path
the store uses (`meetings/<id>.json`), and then `Store.rebuild_index()` reads every
file back once, validates it as the store would, and builds this machine's index (in
`$XDG_CACHE_HOME`). That also proves every generated file is one the store can read.
The files are written from a few threads, because each write waits for two fsyncs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

# Run from a checkout without installing: the package sits beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meetingdesk.agendas import load_agendas  # noqa: E402
from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord, meeting_from_agenda  # noqa: E402
from meetingdesk.locations import meetings_dir  # noqa: E402
from meetingdesk.storage.files import write_private_file  # noqa: E402
from meetingdesk.storage.store import Store  # noqa: E402

WRITERS = 8
"""Threads writing meeting files at once."""
MANAGER = "Morgan Avery"
"""The manager whose desk this is."""
YEARS = 4
"""How far back the history goes."""
OPEN_MEETINGS = 10
"""Only the last month's ten meetings hold open actions, as on a desk where actions get
settled: so a history of 10 and one of 100,000 list about as many open actions, and what
the history's size costs shows alone."""

FIRST_NAMES = (
    "Dana Ana José Zoë Łukasz Siobhán Mohammed Priya Kenji Ngozi Björn Chloé Mateo Aisha Olu Sven "
    "Yusuf Mei Tomás Ingrid Rafael Amara Hiroshi Fatima Liam Noor Élodie Dmitri Keisha Ravi Astrid "
    "Kwame Lucía Finn Saoirse Omar Hana Joaquín Wanjiru Pieter Ines Tariq Maren Chidi Isabela Arjun "
    "Leilani Niamh Emeka Sofía Jonas Yara Bartosz Ayesha Malik Freya Diego Zainab Haruto"
).split()
LAST_NAMES = (
    "Lee Okafor García Müller Nowak O'Brien Haddad Sharma Tanaka Adeyemi Lindqvist Dubois Rossi "
    "Khan Mensah Berg Yilmaz Chen Ferreira Johansson da Silva Abara Watanabe Rahman Murphy "
    "Van der Berg Moreau Ivanova Washington Patel Nilsen Owusu Hernández Byrne Mac Lochlainn "
    "Al-Sayed Kimura Rodríguez Kamau de Vries Costa Aziz Solberg Eze Santos Iyer Kahale "
    "Ní Bhriain Nwosu López Weber Haddad-Smith Kowalski Siddiqui Ibrahim Jensen Ortega Bello Sato"
).split()

SENTENCES = (
    "We went back over the goals from last quarter and most of them landed.",
    "The migration slipped by two weeks because the vendor contract was late.",
    "Peers describe the work as careful and well explained, if sometimes slow to ship.",
    "There is appetite to lead the next planning round, with support on the budget side.",
    "We agreed the on-call load has been uneven and needs a fairer rota.",
    "Feedback from the design review was sharp but fair, and the follow-up was quick.",
    "The customer escalation in March was handled calmly and the write-up was excellent.",
    "Wants more exposure to architecture decisions before the next promotion cycle.",
    "Meetings eat most of Tuesday and Thursday; we looked at which ones can go.",
    "Mentoring the two new starters has gone well and both are now shipping on their own.",
    "The estimate for the reporting work was too optimistic, mostly from unknown data quality.",
    "Energy is lower than in spring; a week off in the summer is already booked.",
    "Would like to present the results at the all-hands rather than have me do it.",
    "We discussed what staff-level scope would look like in this team over the next year.",
    "The handover document was thorough and the team used it without questions.",
    "Cross-team dependencies keep blocking progress; escalation paths are not clear.",
    "Strong ownership of the incident review, including the uncomfortable parts.",
    "Code review turnaround has improved a lot since the pairing sessions started.",
    "Interested in a rotation through the platform team for three months.",
    "Salary expectations were raised; I explained the review cycle and the bands.",
    "We need clearer written expectations for what good looks like at the next level.",
    "Delivery on the billing project was on time despite the scope changes.",
    "Sometimes goes quiet in larger meetings; we talked about ways to get heard earlier.",
    "The test suite work cut build times in half and everyone noticed.",
    "We reviewed the training budget and picked a course for the autumn.",
    "Time zones make collaboration with the Sydney team hard; we will move the sync.",
    "The roadmap feels unclear from where they sit, which makes prioritising hard.",
    "Asked for more direct feedback, sooner, rather than saved up for reviews.",
    "Took on the accessibility audit unprompted and drove it to completion.",
    "We agreed to revisit the working-from-home arrangement in two months.",
)
ACTIONS = (
    "Write the proposal for the on-call rota",
    "Book the architecture review slot",
    "Send the promotion packet draft",
    "Share the training course options",
    "Set up a pairing session with the platform team",
    "Draft the written expectations for the next level",
    "Move the Sydney sync to a friendlier hour",
    "Prepare the all-hands presentation",
    "Follow up with the vendor about the contract",
    "Agree the scope of the reporting work with finance",
    "Review the handover document with the new starters",
    "Collect peer feedback before the next conversation",
)
PRIORITIES = (
    ("Ship the billing migration", "All customers on the new system"),
    ("Grow architecture skills", "Leads one design review end to end"),
    ("Reduce build times further", "Main branch builds under ten minutes"),
    ("Be heard earlier in large meetings", "Raises concerns in planning, not after"),
    ("Mentor the new starters", "Both take on-call shifts alone"),
    ("Make the roadmap clear to the team", "Everyone can name the top three goals"),
)
EXTRA_SECTIONS = ("Follow-up from last time", "Wellbeing and workload", "Anything else")


def people(rng: random.Random, count: int = 200) -> list[str]:
    """`count` distinct full names."""
    found: set[str] = set()
    while len(found) < count:
        found.add(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
    return sorted(found)


def paragraphs(rng: random.Random, count: int = 600) -> list[tuple[str, int]]:
    """`count` paragraphs of 2 to 5 sentences, each with its word count."""
    pool = []
    for _ in range(count):
        paragraph = " ".join(rng.choices(SENTENCES, k=rng.randint(2, 5)))
        pool.append((paragraph, paragraph.count(" ") + 1))
    return pool


_POOL: list[tuple[str, int]] = []


def notes(rng: random.Random, words: int) -> str:
    """About `words` words of notes, in paragraphs drawn from a shared pool (fast, still varied)."""
    if not _POOL:
        _POOL.extend(paragraphs(random.Random(1)))
    chosen: list[str] = []
    total = 0
    while total < words:
        paragraph, count = _POOL[rng.randrange(len(_POOL))]
        chosen.append(paragraph)
        total += count
    return "\n\n".join(chosen)


def realistic_meeting(
    rng: random.Random, agendas: list, person: str, when: datetime, status: str = "ended", settled: bool = True
) -> Meeting:
    """One meeting with `person` held at `when`, filled in the way a manager would."""
    agenda = rng.choice(agendas)
    meeting = meeting_from_agenda(agenda, person, MANAGER)
    sections = list(meeting.sections)
    # Built-ins have 5 or 6 sections; managers trim or extend, so spread it to 4..8.
    target = rng.randint(4, 8)
    while len(sections) > target:
        sections.pop(rng.randrange(1, len(sections) - 1))
    while len(sections) < target:
        title = EXTRA_SECTIONS[len(sections) % len(EXTRA_SECTIONS)]
        sections.insert(len(sections) - 1, SectionRecord(title=title, planned_seconds=300, original_planned_seconds=300))
    for section in sections:
        section.notes = notes(rng, rng.randint(150, 400))
        if rng.random() < 0.3:
            section.private_notes = notes(rng, rng.randint(20, 80))
        section.actual_seconds = max(30.0, section.planned_seconds * rng.uniform(0.6, 1.4))
        section.prompts_done = [i for i in range(len(section.prompts)) if rng.random() < 0.7]
    meeting.sections = sections
    meeting.created_at = when - timedelta(minutes=2)
    meeting.started_at = when
    meeting.status = status  # type: ignore[assignment]
    meeting.current_section = len(sections) - 1 if status == "ended" else rng.randrange(len(sections))
    if status == "ended":
        meeting.ended_at = when + timedelta(seconds=meeting.actual_seconds)
    meeting.updated_at = meeting.ended_at or when
    today = datetime.now(timezone.utc).date()
    meeting.priorities = [
        Priority(text=text, measure=measure, due=when.date() + timedelta(days=rng.choice((30, 60, 90))))
        for text, measure in rng.sample(PRIORITIES, rng.randint(0, 3))
    ]
    if settled:
        # Goals live until achieved or dropped; as with actions, only the newest meetings hold live ones.
        for goal in meeting.priorities:
            finished = rng.random() < 0.8
            goal.status = "achieved" if finished else "dropped"
            goal.dropped_reason = "" if finished else "Priorities changed"
    meeting.cadence = rng.choice(("every 2 weeks", "monthly", "quarterly"))
    meeting.next_check_in = when.date() + timedelta(days=rng.choice((14, 30, 90)))
    meeting.actions = []
    for text in rng.sample(ACTIONS, rng.randint(2, 6)):
        due = when.date() + timedelta(days=rng.randint(3, 45))
        done: date | None = None
        # A manager settles actions as the meetings go by: only the newest meetings still hold open
        # ones (and even there, most that are past due are done).
        if settled or (due < today and rng.random() < 0.85):
            done = min(today, due + timedelta(days=rng.randint(-3, 5)))
        meeting.actions.append(
            ActionItem(text=text, owner=rng.choice((person, person, MANAGER)), due=due, done_on=done)
        )
    return meeting


def make_history(home: Path, meetings: int, seed: int = 7) -> Store:
    """Write `meetings` meetings into the data folder `home`; return the open store."""
    rng = random.Random(seed)
    agendas = list(load_agendas(None)[0].values())
    everyone = people(rng)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    span = YEARS * 365 * 24 * 3600
    store = Store(home)
    store.open()
    folder = meetings_dir(store.root)
    # Each write fsyncs the file and the folder; threads let those waits overlap. At most a few
    # thousand writes wait at once, so 100,000 meetings never sit in memory together.
    writers = ThreadPoolExecutor(max_workers=WRITERS)
    pending: list = []
    for number in range(meetings):
        if len(pending) >= 2000:
            for write in pending:
                write.result()  # raise the first StoreError, if any
            pending.clear()
        if number == meetings - 1:
            # The newest meeting: ended this morning, the top row of the home screen.
            when, status = now - timedelta(hours=3), "ended"
        elif number == meetings - 2:
            # Left live yesterday, as if the laptop lid closed mid-meeting.
            when, status = now - timedelta(days=1), "live"
        elif number >= meetings - OPEN_MEETINGS:
            when, status = now - timedelta(days=2, seconds=rng.randrange(30 * 24 * 3600)), "ended"
        else:
            when, status = now - timedelta(days=2, seconds=rng.randrange(span)), "ended"
        meeting = realistic_meeting(rng, agendas, rng.choice(everyone), when, status, settled=number < meetings - OPEN_MEETINGS)
        pending.append(writers.submit(write_private_file, folder / f"{meeting.id}.json", meeting.model_dump_json(indent=1)))
    writers.shutdown(wait=True)
    for write in pending:
        write.result()  # raise the first StoreError, if any
    store.rebuild_index()
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path, help="the data folder to fill (created if missing)")
    parser.add_argument("--meetings", required=True, type=int, help="how many meetings to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed, for the same history every time")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store = make_history(args.home, args.meetings, args.seed)
    newest = store.rows(limit=1)
    print(
        f"Wrote {args.meetings} meetings to {args.home} in {time.perf_counter() - started:.1f} s; "
        f"newest is with {newest[0].person if newest else 'nobody'}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
