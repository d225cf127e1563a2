#!/usr/bin/env python3
"""Writes examples/validation: an invented employer's hiring history for
coderfit validate (docs/validation.md).

The model, so that the figures can be checked against what was put in:

- 240 applicants, JSON Resume profiles in the styles of examples/applicants:
  each has a hidden skill s ~ N(0, 1) that sets how much they can show
  (years of coding, a current credential, stated accuracy and
  productivity, the code sets and tools they name), with noise.
- Each profile is scored by coderfit (the built-in rubric, as of the day
  of the decision, 2026-03-02); the outcomes are drawn from the score z
  (standardised over the 240) with known correlations:
    hired:            yes when 0.9 z + e > 0.35 (e ~ N(0, 1))
    accuracy_90d:     hired only; 95 + 1.6 (0.35 z + sqrt(1 - 0.35^2) e),
                      so r = 0.35 with the score among all applicants,
                      less among the hired (range restriction)
    charts_per_hour:  hired only; 2.8 + 0.6 (0.25 z + sqrt(1 - 0.25^2) e)
    employed_12m:     hired only; yes when 0.3 z + e > -0.8
- Sex and race/ethnicity are drawn apart from everything else: no group
  difference is planted.

usage: tools/validation-example.py BUILD_DIR   (from the project root)
"""
import csv, json, math, os, random, shutil, subprocess, sys

OUT = "examples/validation"
AS_OF = "2026-03-02"
rnd = random.Random(20260302)

FIRST = ["Alex", "Bianca", "Carlos", "Deanna", "Elena", "Farah", "Grace", "Hector", "Imani", "Jamal", "Keiko",
         "Lena", "Marcus", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tamara", "Uma", "Victor",
         "Wen", "Ximena", "Yusuf", "Zoe"]
LAST = ["Abbott", "Baptiste", "Chen", "Delgado", "Eze", "Fischer", "Gupta", "Haddad", "Ibarra", "Jensen",
        "Kowalski", "Lindqvist", "Mbeki", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi", "Sato",
        "Tran", "Underwood", "Vasquez", "Whitaker", "Yilmaz", "Zamora"]
EMPLOYERS = ["Lakeview Medical Center", "Summit Orthopedic Group", "Riverbend Health System",
             "Cedar Valley Clinic", "Northgate Hospital", "Prairie Family Practice", "Harbor Imaging Associates"]
CITIES = [("Columbus", "OH"), ("Tucson", "AZ"), ("Raleigh", "NC"), ("Spokane", "WA"), ("Omaha", "NE")]


def month(y, m):
    while m > 12:
        y, m = y + 1, m - 12
    while m < 1:
        y, m = y - 1, m + 12
    return "%04d-%02d" % (y, m)


def profile(i, s):
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    city, region = rnd.choice(CITIES)
    years = max(0.0, 1.5 + 2.5 * s + rnd.gauss(0, 1.5))
    setting = rnd.choice(["inpatient", "outpatient", "physician"])
    work = []
    end_y, end_m = 2026, 2
    months = int(round(years * 12))
    if months >= 3:
        start = month(end_y, end_m - months)
        acc = min(99.5, 94.5 + 1.5 * s + rnd.gauss(0, 0.8))
        rate = {"inpatient": 2.6, "outpatient": 9.0, "physician": 11.0}[setting] * (1 + 0.12 * s + rnd.gauss(0, 0.05))
        highlights = ["Coded %s encounters with ICD-10-CM%s" % (
            setting, " and ICD-10-PCS" if setting == "inpatient" else " and CPT")]
        if s + rnd.gauss(0, 0.7) > 0.3:
            highlights.append("Maintained %.1f%% coding accuracy on internal audits" % acc)
        if s + rnd.gauss(0, 0.7) > 0.5:
            highlights.append("Averaged %.1f charts per hour" % rate)
        if s + rnd.gauss(0, 0.8) > 0.5:
            highlights.append("Wrote compliant physician queries and resolved DNFB holds")
        work.append({"name": rnd.choice(EMPLOYERS),
                     "position": {"inpatient": "Inpatient Coder", "outpatient": "Outpatient Coder",
                                  "physician": "Professional Fee Coder"}[setting],
                     "startDate": start, "highlights": highlights,
                     "summary": "%s coding%s." % (setting.capitalize(),
                                                 ", fully remote" if rnd.random() < 0.3 else "")})
    else:
        work.append({"name": rnd.choice(EMPLOYERS), "position": "Patient Access Representative",
                     "startDate": month(2023, rnd.randint(1, 12)),
                     "summary": "Registration and insurance verification."})
    certs = []
    if s + rnd.gauss(0, 0.9) > 0.2:
        code, issuer = rnd.choice([("CPC", "AAPC"), ("CCS", "AHIMA"), ("COC", "AAPC"), ("RHIT", "AHIMA")])
        certs.append({"name": code, "date": month(2026 - max(1, int(years)) , rnd.randint(1, 12)), "issuer": issuer})
    elif rnd.random() < 0.4:
        certs.append({"name": "CPC-A", "date": month(2025, rnd.randint(1, 12)), "issuer": "AAPC"})
    if rnd.random() < 0.4 + 0.2 * s:
        certs.append({"name": "HIPAA Privacy and Security Training", "date": month(2025, rnd.randint(3, 12))})
    education = [{"institution": "%s Community College" % city, "area": "Medical Coding",
                  "studyType": "Certificate" if rnd.random() < 0.6 else "Associate of Applied Science",
                  "endDate": month(2026 - max(1, int(years) + 1), 5),
                  "courses": ["Medical Terminology", "Anatomy and Physiology", "ICD-10-CM Coding", "CPT Coding"]}]
    skills = [{"name": "Coding", "keywords": ["ICD-10-CM", "CPT", "HCPCS"] + (["MS-DRG"] if setting == "inpatient" else [])}]
    if s + rnd.gauss(0, 1) > 0:
        skills.append({"name": "Software", "keywords": ["Epic", "3M 360 Encompass"]})
    return {"basics": {"name": "%s %s" % (first, last), "id": "v%03d" % i,
                       "email": "%s.%s%03d@example.com" % (first.lower(), last.lower(), i),
                       "location": {"city": city, "region": region, "countryCode": "US"},
                       "label": work[0]["position"]},
            "work": work, "education": education, "certificates": certs, "skills": skills}


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    cf = os.path.join(build, "coderfit")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT + "/applicants")
    for i in range(240):
        with open("%s/applicants/v%03d.json" % (OUT, i), "w") as f:
            json.dump(profile(i, rnd.gauss(0, 1)), f, indent=2)
            f.write("\n")
    ranked = subprocess.run([cf, "rank", "-q", "--as-of", AS_OF, "-f", "ndjson", OUT + "/applicants"],
                            check=True, stdout=subprocess.PIPE, text=True).stdout
    reports = [json.loads(line) for line in ranked.splitlines()]
    scores = [r["score"] for r in reports]
    mean = sum(scores) / len(scores)
    sd = math.sqrt(sum((x - mean) ** 2 for x in scores) / (len(scores) - 1))
    rows = []
    for r in sorted(reports, key=lambda r: r["applicant"]["id"]):
        z = (r["score"] - mean) / sd
        hired = 0.9 * z + rnd.gauss(0, 1) > 0.35
        def drawn(rho):
            return rho * z + math.sqrt(1 - rho * rho) * rnd.gauss(0, 1)
        acc = "%.1f" % min(100, 95 + 1.6 * drawn(0.35)) if hired else ""
        cph = "%.2f" % max(0.5, 2.8 + 0.6 * drawn(0.25)) if hired else ""
        stayed = ("yes" if 0.3 * z + rnd.gauss(0, 1) > -0.8 else "no") if hired else ""
        rows.append([r["applicant"]["id"], "yes" if hired else "no", acc, cph, stayed])
    with open(OUT + "/outcomes.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "hired", "accuracy_90d", "charts_per_hour", "employed_12m"])
        w.writerows(rows)
    with open(OUT + "/demographics.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "sex", "race_ethnicity"])
        for i in range(240):
            race = rnd.choices(["White", "Black or African American", "Hispanic or Latino", "Asian",
                                "Two or More Races"], [50, 20, 18, 8, 4])[0]
            w.writerow(["%s/applicants/v%03d.json" % (OUT, i), rnd.choice(["Female", "Female", "Male"]), race])


main()
