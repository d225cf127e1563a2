/* gen: writes N realistic, varied applicant profiles, deterministically.
 *
 * usage: gen N OUTDIR [PER_FILE]
 * Writes OUTDIR/shard-0000.ndjson, ... with PER_FILE profiles a line each
 * (default 1000), or with PER_FILE 0 OUTDIR/profile-00000.json, ... one a
 * file: about two in three JSON Resume, one in three native.  The
 * same N gives the same bytes on every machine (a fixed-seed generator). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int pick(int n)
{
    return (int)(next() % (uint64_t)n);
}

#define PICK(a) (a)[pick((int)(sizeof(a) / sizeof((a)[0])))]

static const char *const first[] = {"Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro",
                                    "Imani", "Jonas", "Keisha", "Luis", "Mei", "Noah", "Olu", "Priya",
                                    "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wes", "Yara"};
static const char *const last[] = {"Adams", "Baptiste", "Chen", "Diaz", "Eze", "Fischer", "Garcia",
                                   "Haddad", "Ito", "Johnson", "Kowalski", "Lopez", "Mensah", "Nguyen",
                                   "Okafor", "Patel", "Quist", "Rossi", "Singh", "Tanaka", "Usman"};
static const char *const cities[] = {"Tulsa", "Dayton", "Fresno", "Boise", "Albany", "Mesa", "Omaha", "Reno"};
static const char *const certs[] = {
    "Certified Professional Coder (CPC)", "CPC-A", "Certified Coding Specialist (CCS)",
    "Registered Health Information Technician (RHIT)", "Certified Coding Associate",
    "Certified Risk Adjustment Coder (CRC)", "Certified Professional Coder (CPC) - lapsed",
    "Certified Billing and Coding Specialist (CBCS)", "CPR and First Aid",
    "Google Data Analytics Professional Certificate", "HIPAA Privacy and Security Training",
    "Certified Outpatient Coder", "Registered Nurse License", "Certified Nursing Assistant"};
static const char *const cert_codes[] = {"CPC", "CPC-A", "CCS", "RHIT", "CCA", "CRC", "COC", "CBCS", "CIC", "RHIA"};
static const char *const study[][2] = {
    {"Certificate", "Medical Billing and Coding"}, {"Associate of Applied Science", "Health Information Technology"},
    {"Bachelor of Science", "Health Information Management"}, {"High School Diploma", ""},
    {"Bachelor of Science", "Information Technology"}, {"Bachelor of Science in Nursing", "Nursing"},
    {"Diploma", "Medical Coding"}, {"Associate of Science", "Business"}, {"GED", ""}};
static const char *const courses[] = {"Medical Terminology", "Anatomy and Physiology I", "Pathophysiology",
                                      "Pharmacology", "ICD-10-CM Coding", "CPT Coding", "HCPCS Level II",
                                      "Healthcare Compliance", "Statistics", "Microbiology", "English Composition"};
static const char *const positions[] = {
    "Inpatient Coder", "Outpatient Coder II", "Medical Coder", "Coding Specialist", "Remote Coding Auditor",
    "Medical Biller", "Billing and Coding Specialist", "Health Information Clerk", "Registered Nurse",
    "Medical Assistant", "Patient Access Representative", "Cashier", "Retail Associate", "Help Desk Technician",
    "Coding Extern", "Risk Adjustment Coder", "CDI Specialist"};
static const char *const employers[] = {"Riverside Regional", "Valley Family Practice", "St. Brendan Hospital",
                                        "Northside Clinic", "QuickMart", "Metro Health System", "Lakeview Orthopedics"};
static const char *const highlights[] = {
    "Maintained %d.%d%% coding accuracy on quarterly audits",
    "Averaged %d.%d charts per hour against the productivity standard",
    "Wrote physician queries for conflicting documentation",
    "Performed DRG validation and reduced denials",
    "Coded emergency department encounters with ICD-10-CM and CPT in Epic",
    "Used 3M 360 Encompass and computer-assisted coding daily",
    "Resolved duplicate records in the master patient index",
    "Built Excel trackers for audit results",
    "Met every month-end deadline and cleared the DNFB backlog",
    "Earned %d CEUs through AAPC webinars",
    "Completed annual HIPAA training",
    "Appealed denied claims with written appeal letters",
    "Trained new coders on the official coding guidelines",
    "Balanced the cash drawer at every shift",
    "Worked remotely with minimal supervision",
    "Scheduled patients in athenahealth and verified insurance"};
static const char *const skills[] = {"ICD-10-CM", "ICD-10-PCS", "CPT", "HCPCS", "MS-DRG", "Epic", "Cerner",
                                     "Meditech", "eClinicalWorks", "3M 360 Encompass", "TruCode", "Excel",
                                     "Modifiers", "HCC", "Word", "SQL", "Customer service"};
static const char *const levels[] = {"certificate", "associate", "bachelor", "high_school", "master"};
static const char *const fields[] = {"medical_coding", "hit", "him", "clinical", "other"};
static const char *const kinds[] = {"coding", "coding", "billing", "him", "clinical", "other", "cdi"};

static char buf[1 << 16];
static size_t len;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void out(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, sizeof buf - len, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof buf - len)
        len += (size_t)n;
}

static void date(int min_year, int max_year)
{
    out("\"%d-%02d\"", min_year + pick(max_year - min_year + 1), 1 + pick(12));
}

static void highlight(void)
{
    /* a template's %d are filled in order ("%%" is "%"), without printf
     * (whose format must be a literal) */
    const char *h = PICK(highlights);
    int v[2];
    if (strstr(h, "accuracy"))
        v[0] = 90 + pick(10), v[1] = pick(10);
    else if (strstr(h, "per hour"))
        v[0] = 1 + pick(5), v[1] = pick(10);
    else
        v[0] = 8 + pick(40), v[1] = 0;
    out("\"");
    for (int k = 0; *h; h++) {
        if (h[0] == '%' && h[1] == 'd' && k < 2)
            out("%d", v[k++]), h++;
        else if (h[0] == '%' && h[1] == '%')
            out("%%"), h++;
        else
            out("%c", *h);
    }
    out("\"");
}

static void resume(int i)
{
    out("{\"basics\":{\"name\":\"%s %s\",\"email\":\"applicant%d@example.com\",\"phone\":\"(555) %03d-%04d\","
        "\"location\":{\"city\":\"%s\",\"countryCode\":\"US\"},\"summary\":\"Applicant %d: detail-oriented, "
        "looking for a coding role.\"},",
        PICK(first), PICK(last), i, pick(1000), pick(10000), PICK(cities), i);
    int nw = pick(4);
    out("\"work\":[");
    for (int w = 0; w < nw; w++) {
        int y = 2008 + pick(17);
        out("%s{\"name\":\"%s\",\"position\":\"%s\",\"startDate\":\"%d-%02d\"", w ? "," : "", PICK(employers),
            PICK(positions), y, 1 + pick(12));
        if (pick(3))
            out(",\"endDate\":\"%d-%02d\"", y + 1 + pick(4), 1 + pick(12));
        if (pick(4) == 0)
            out(",\"location\":\"Remote\"");
        out(",\"highlights\":[");
        int nh = 1 + pick(4);
        for (int h = 0; h < nh; h++) {
            out(h ? "," : "");
            highlight();
        }
        out("]}");
    }
    out("],\"education\":[");
    int ne = 1 + pick(2);
    for (int e = 0; e < ne; e++) {
        int s = pick(9);
        out("%s{\"institution\":\"%s College\",\"studyType\":\"%s\",\"area\":\"%s\",\"endDate\":", e ? "," : "",
            PICK(cities), study[s][0], study[s][1]);
        date(2000, 2026);
        out(",\"courses\":[");
        int nc = pick(5);
        for (int c = 0; c < nc; c++)
            out("%s\"%s\"", c ? "," : "", PICK(courses));
        out("]}");
    }
    out("],\"certificates\":[");
    int nc = pick(4);
    for (int c = 0; c < nc; c++) {
        out("%s{\"name\":\"%s\",\"issuer\":\"AAPC\",\"date\":", c ? "," : "", PICK(certs));
        date(2005, 2026);
        out("}");
    }
    out("],\"skills\":[{\"name\":\"Coding\",\"keywords\":[");
    int ns = pick(7);
    for (int k = 0; k < ns; k++)
        out("%s\"%s\"", k ? "," : "", PICK(skills));
    out("]}]");
    if (pick(2))
        out(",\"references\":[{\"name\":\"R. Ref\",\"reference\":\"I was %s's supervisor for two years.\"}]",
            PICK(first));
    out("}\n");
}

static void native(int i)
{
    out("{\"format\":\"coderfit-profile/1\",\"applicant\":{\"id\":\"A-%d\",\"name\":\"%s %s\"},", i, PICK(first),
        PICK(last));
    out("\"education\":[{\"level\":\"%s\",\"field\":\"%s\",\"completed\":", PICK(levels), PICK(fields));
    date(2000, 2026);
    out(",\"courses\":[\"%s\",\"%s\"]}],", PICK(courses), PICK(courses));
    out("\"credentials\":[");
    int nc = pick(3);
    for (int c = 0; c < nc; c++) {
        out("%s{\"code\":\"%s\",\"kind\":\"coding\",\"earned\":", c ? "," : "", PICK(cert_codes));
        date(2005, 2026);
        out(",\"status\":\"%s\"}", pick(5) ? "active" : "lapsed");
    }
    out("],\"experience\":[");
    int nw = 1 + pick(3);
    for (int w = 0; w < nw; w++) {
        out("%s{\"title\":\"%s\",\"kind\":\"%s\",\"start\":", w ? "," : "", PICK(positions), PICK(kinds));
        date(2008, 2025);
        out(",\"remote\":%s,\"highlights\":[", pick(2) ? "true" : "false");
        highlight();
        out(",");
        highlight();
        out("]}");
    }
    out("],\"skills\":{\"code_sets\":[\"%s\",\"%s\"],\"systems\":[\"%s\"]},", PICK(skills), PICK(skills), PICK(skills));
    out("\"measures\":{\"audit_accuracy\":0.%d,\"charts_per_hour\":%d.%d},", 900 + pick(99), 1 + pick(5), pick(10));
    out("\"attestations\":{\"hipaa_training\":");
    date(2022, 2026);
    out("},\"references\":[{\"relationship\":\"manager\",\"text\":\"Reliable.\"}]}\n");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen N OUTDIR [PER_FILE]   (PER_FILE 0: a .json file each)\n");
        return 2;
    }
    long n = atol(argv[1]), per = argc > 3 ? atol(argv[3]) : 1000;
    if (n < 1 || per < 0) {
        fprintf(stderr, "gen: N must be positive and PER_FILE not negative\n");
        return 2;
    }
    FILE *f = NULL;
    for (long i = 0; i < n; i++) {
        if (per == 0 || i % per == 0) {
            if (f && fclose(f))
                return 1;
            char path[4096];
            if (per)
                snprintf(path, sizeof path, "%s/shard-%04ld.ndjson", argv[2], i / per);
            else
                snprintf(path, sizeof path, "%s/profile-%05ld.json", argv[2], i);
            f = fopen(path, "w");
            if (!f) {
                perror(path);
                return 1;
            }
        }
        len = 0;
        if (pick(3) == 0)
            native((int)i);
        else
            resume((int)i);
        fwrite(buf, 1, len, f);
    }
    if (f && fclose(f))
        return 1;
    return 0;
}
