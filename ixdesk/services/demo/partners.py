"""Demo tracks, partner companies with their contacts and problems, and instructors."""

from __future__ import annotations

from datetime import timedelta

from ixdesk.db import models as m
from ixdesk.db.enums import CompanyStatus, InstructorStatus, ProblemStatus
from ixdesk.services.demo import data as d
from ixdesk.services.demo.rows import DemoRows


class PartnerRows(DemoRows):
    """The rows a cohort draws on: tracks, partner companies, problems and instructors."""

    def tracks(self) -> None:
        for name, description, *_ in d.TRACKS:
            new_id = self.uid()  # drawn even when a track is reused, so later ids never shift
            if name.lower() not in self.existing_tracks:
                self.row(m.Track, id=new_id, name=name, description=description)
            self.track_ids.append(self.existing_tracks.get(name.lower(), new_id))

    def companies(self, count: int) -> None:
        """Partner companies with their contacts and business problems."""
        rng, track_ids = self.rng, self.track_ids
        combos = [(p, s) for p in d.COMPANY_PREFIXES for s in d.COMPANY_SUFFIXES]
        picked = rng.sample(combos, min(count, len(combos)))
        picked += [rng.choice(combos) for _ in range(count - len(picked))]
        # Two approved problems per track first, so (almost) every group gets one of its track.
        wanted = [track for track in range(len(track_ids)) for _ in range(2)]
        rng.shuffle(wanted)
        for index, (prefix, (suffix, sector)) in enumerate(picked):
            city = self.city()
            name = f"{prefix} {suffix}" + (f" {index}" if index >= len(combos) else "")
            slug = d.ascii_slug(name.replace(" ", "-"))
            status = (CompanyStatus.PROSPECT, CompanyStatus.PAST)[index] if index < 2 else None
            status = status or d.pick(rng, d.COMPANY_STATUS)
            company = self.row(
                m.PartnerCompany, name=name, sector=sector, status=status,
                website=f"https://www.{slug}.example.com", city=d.CITIES[city][0],
                country=d.CITIES[city][1], notes=self.maybe(0.2, rng.choice(d.COMPANY_NOTES)),
            )  # fmt: skip
            contacts = []
            for _ in range(rng.randint(1, 3)):
                first, last = self.name()
                contact = self.row(
                    m.Contact, company_id=company["id"], name=f"{first} {last}",
                    role=rng.choice(d.CONTACT_ROLES), phone=self.maybe(0.8, self.phone(city)),
                    email=self.email("contacts", first, last, f"{slug}.example.com"),
                )  # fmt: skip
                contacts.append(contact["id"])
            for number in range(rng.randint(2, 4)):
                track = rng.randrange(len(track_ids))
                if index == 2 and number < 2:  # every status appears at least once
                    problem_status = (ProblemStatus.ASSIGNED, ProblemStatus.DELIVERED)[number]
                elif wanted and status == CompanyStatus.ACTIVE:
                    problem_status, track = ProblemStatus.APPROVED, wanted.pop()
                else:
                    problem_status = d.pick(rng, d.PROBLEM_STATUS[status])
                title, statement, deliverables = rng.choice(d.TRACKS[track][4])
                problem = self.row(
                    m.BusinessProblem, company_id=company["id"], title=title,
                    problem_statement=f"{name}: {statement}", deliverables=deliverables,
                    skills=", ".join(rng.sample(d.TRACKS[track][2], 3)),
                    track_id=track_ids[track], effort_hours=rng.randrange(8, 161, 4),
                    sponsor_contact_id=self.maybe(0.9, rng.choice(contacts)),
                    confidential=rng.random() < 0.15, status=problem_status,
                )  # fmt: skip
                if problem_status == ProblemStatus.APPROVED:
                    self.problems.setdefault(track, []).append(problem["id"])

    def instructors(self, count: int) -> None:
        """Instructors and the tracks they can teach; the first cover each safeguarding case."""
        rng, today, track_ids = self.rng, self.today, self.track_ids
        safeguarding_kinds = list(d.SAFEGUARDING)
        for index in range(count):
            first, last = self.name()
            tracks = rng.sample(range(len(track_ids)), rng.choice((1, 1, 2, 2, 3)))
            job = rng.choice(d.TRACKS[tracks[0]][3])
            employer = f"{rng.choice(d.COMPANY_PREFIXES)} {rng.choice(d.COMPANY_SUFFIXES)[0]}"
            domain = f"{d.ascii_slug(employer.replace(' ', '-'))}.example.com"
            first_kinds = index < len(safeguarding_kinds)
            safeguarding, expiry = (
                safeguarding_kinds[index] if first_kinds else d.pick(rng, d.SAFEGUARDING)
            )
            status = InstructorStatus.ACTIVE if first_kinds else d.pick(rng, d.INSTRUCTOR_STATUS)
            field = d.TRACKS[tracks[0]][0].lower()
            row = self.row(
                m.Instructor, first_name=first, last_name=last,
                preferred_name=self.maybe(0.4, d.PREFERRED_NAMES.get(first)),
                email=self.email("instructors", first, last, domain),
                phone=self.phone(self.city()), employer=employer, job_title=job,
                bio=f"{job} at {employer} with {rng.randint(3, 25)} years in {field}. "
                + rng.choice(d.BIO_EXTRAS),
                availability=rng.choice(d.AVAILABILITY), safeguarding_status=safeguarding,
                safeguarding_expires_on=today + timedelta(rng.randint(*expiry)) if expiry else None,
                status=status, notes=None,
            )  # fmt: skip
            for track in tracks:
                self.row(m.InstructorExpertise, instructor_id=row["id"], track_id=track_ids[track])
                if status == InstructorStatus.ACTIVE:
                    self.teachers.setdefault(track, []).append(row["id"])
