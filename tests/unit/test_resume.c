/* Resume files: what a file holds by its bytes, text read in its encodings
 * into styled lines, and the sectioner's JSON Resume of small resumes
 * written the ways people write them. */
#include <stdlib.h>
#include <string.h>
#include "lines.h"
#include "t.h"

static void detect(void)
{
    CHECK(cf_doc_detect("a.txt", "%PDF-1.7\n", 9) == CF_DOC_PDF);
    CHECK(cf_doc_detect("a.json", "%PDF-1.7\n", 9) == CF_DOC_PDF);   /* the bytes, not the name */
    static const char docx[] = "PK\x03\x04....[Content_Types].xml....word/document.xml";
    static const char odt[] = "PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text";
    CHECK(cf_doc_detect("a.zip", docx, sizeof docx - 1) == CF_DOC_DOCX);
    CHECK(cf_doc_detect("a.docx", odt, sizeof odt - 1) == CF_DOC_ODT);
    CHECK(cf_doc_detect("a.docx", "PK\x03\x04 other", 10) == CF_DOC_OTHER);
    CHECK(cf_doc_detect("a.doc", "{\\rtf1 x", 8) == CF_DOC_RTF);
    CHECK(cf_doc_detect("a.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == CF_DOC_WORD97);
    CHECK(cf_doc_detect("a.png", "\x89PNG\r\n", 6) == CF_DOC_IMAGE);
    /* JSON by name (its errors are JSON's), by its first character, and stdin */
    CHECK(cf_doc_detect("a.json", "Jane Doe\n", 9) == CF_DOC_JSON);
    CHECK(cf_doc_detect("a.NDJSON", "Jane Doe\n", 9) == CF_DOC_JSON);
    CHECK(cf_doc_detect(NULL, "Jane Doe\n", 9) == CF_DOC_JSON);
    CHECK(cf_doc_detect("-", "Jane Doe\n", 9) == CF_DOC_JSON);
    CHECK(cf_doc_detect("a.txt", "\xEF\xBB\xBF  {\"basics\": 1}", 19) == CF_DOC_JSON);
    CHECK(cf_doc_detect("a.txt", "", 0) == CF_DOC_JSON);
    CHECK(cf_doc_detect("a.txt", "Jane Doe\n", 9) == CF_DOC_TEXT);
    CHECK(cf_doc_detect("a", "# Jane Doe\n", 11) == CF_DOC_MARKDOWN);
    CHECK(cf_doc_detect("a.md", "Jane Doe\n", 9) == CF_DOC_MARKDOWN);
    CHECK(cf_doc_detect("a.txt", "\xFF\xFEJ\0a\0", 6) == CF_DOC_TEXT);
    CHECK(cf_doc_detect("a.txt", "Jane\0Doe", 8) == CF_DOC_OTHER);
    CHECK(strcmp(cf_doc_name(CF_DOC_PDF), "PDF") == 0);
}

static const char *line_text(const cf_slines *L, size_t i)
{
    return i < L->n ? L->v[i].text : "";
}

static void text_lines(void)
{
    cf_slines L = {0};
    /* UTF-16 (little-endian, with its mark): "Ana – CPC\n" */
    static const char u16[] = "\xFF\xFE" "A\0n\0a\0 \0\x13\x20 \0C\0P\0C\0\n\0";
    CHECK(cf_lines_from_text(u16, sizeof u16 - 1, 0, &L) == 0 && L.n == 1);
    CHECK(strcmp(line_text(&L, 0), "Ana \xe2\x80\x93 CPC") == 0);
    cf_slines_free(&L);
    /* not UTF-8: Windows-1252, its dash and quotes */
    static const char w[] = "Coder \x96 \x93Lead\x94\n";
    CHECK(cf_lines_from_text(w, sizeof w - 1, 0, &L) == 0 &&
          strcmp(line_text(&L, 0), "Coder \xe2\x80\x93 \xe2\x80\x9cLead\xe2\x80\x9d") == 0);
    cf_slines_free(&L);
    /* pieces at wide gaps, bullets taken off, pages at form feeds */
    static const char t[] = "Coder II          06/2020 \xe2\x80\x93 Present\n  \xe2\x80\xa2 Code 120 visits\n\fPage two\n";
    CHECK(cf_lines_from_text(t, sizeof t - 1, 0, &L) == 0 && L.n == 4);
    CHECK(strcmp(line_text(&L, 0), "Coder II") == 0 && L.v[0].col == 1 && L.v[0].line == 1);
    CHECK(strcmp(line_text(&L, 1), "06/2020 \xe2\x80\x93 Present") == 0 && L.v[1].col == 2 && L.v[1].line == 1);
    CHECK(strcmp(line_text(&L, 2), "Code 120 visits") == 0 && L.v[2].list && L.v[2].line == 2);
    CHECK(strcmp(line_text(&L, 3), "Page two") == 0 && L.v[3].page == 2 && L.v[3].line == 1);
    cf_slines_free(&L);
    /* Markdown: headings, bold and italic lines, marks taken off */
    static const char md[] = "# Ruth Pruitt\n## Experience\n**Coder**\n*Jun 2019 \xe2\x80\x93 Present*\n- **ICD-10:** HCC\n";
    CHECK(cf_lines_from_text(md, sizeof md - 1, 1, &L) == 0 && L.n == 5);
    CHECK(L.v[0].heading == 1 && strcmp(line_text(&L, 0), "Ruth Pruitt") == 0);
    CHECK(L.v[1].heading == 2 && L.v[2].bold && strcmp(line_text(&L, 2), "Coder") == 0);
    CHECK(L.v[3].italic && strcmp(line_text(&L, 3), "Jun 2019 \xe2\x80\x93 Present") == 0);
    CHECK(L.v[4].list && strcmp(line_text(&L, 4), "ICD-10: HCC") == 0);
    cf_slines_free(&L);
}

/* The JSON Resume of a text, parsed (cJSON_Delete). */
static cJSON *read_resume(const char *text, int markdown, cf_diags *d)
{
    char *json = NULL;
    size_t len = 0;
    cf_status st = cf_resume_read("r.txt", markdown ? CF_DOC_MARKDOWN : CF_DOC_TEXT, text, strlen(text), &json,
                                  &len, d);
    CHECK(st == CF_OK && json);
    cJSON *v = json ? cJSON_ParseWithLength(json, len) : NULL;
    cf_free(json);
    return v;
}

static const char *at(const cJSON *v, const char *path)
{
    /* "work.1.position" */
    char key[64];
    const char *p = path;
    while (v && *p) {
        size_t n = strcspn(p, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, p);
        v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, atoi(key)) : cJSON_GetObjectItemCaseSensitive(v, key);
        p += n + (p[n] == '.');
    }
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void sections(void)
{
    static const char text[] =
        "                    Brittany Lasko\n"
        "                 Medical Coder II - CPC\n"
        "   Allentown, PA \xe2\x80\xa2 610-555-0194 \xe2\x80\xa2 brittany.lasko@example.com\n"
        "\n"
        "SUMMARY\n"
        "Certified Professional Coder with six years coding office visits.\n"
        "\n"
        "PROFESSIONAL EXPERIENCE\n"
        "Coder II                                          06/2020 \xe2\x80\x93 Present\n"
        "Lehigh Valley Primary Care Partners\n"
        "  \xe2\x80\xa2 Code 120+ encounters per day\n"
        "  \xe2\x80\xa2 Accuracy 86% on the 2025 external audit\n"
        "Medical Records Clerk                             Mar 2015 - May 2019\n"
        "Northside Methodist Hospital\n"
        "  \xe2\x80\xa2 Release of information\n"
        "\n"
        "Licenses & Certifications:\n"
        " \xe2\x80\xa2 CPC \xe2\x80\x93 AAPC, 03/2020\n"
        "\n"
        "Education\n"
        "Diploma, Medical Billing and Coding                          12/2019\n"
        "Keystone Career Institute\n"
        "Courses: Anatomy, Medical Terminology\n"
        "\n"
        "Technical Skills\n"
        "Coding (Expert): E/M, ICD-10-CM, CPT\n"
        "\n"
        "Languages\n"
        "Spanish (conversational)\n";
    cf_diags d = {0};
    cJSON *v = read_resume(text, 0, &d);
    CHECK(strcmp(at(v, "basics.name"), "Brittany Lasko") == 0);
    CHECK(strcmp(at(v, "basics.label"), "Medical Coder II - CPC") == 0);
    CHECK(strcmp(at(v, "basics.email"), "brittany.lasko@example.com") == 0);
    CHECK(strcmp(at(v, "basics.phone"), "610-555-0194") == 0);
    CHECK(strcmp(at(v, "basics.location.city"), "Allentown") == 0 &&
          strcmp(at(v, "basics.location.region"), "PA") == 0);
    CHECK(strcmp(at(v, "basics.summary"), "Certified Professional Coder with six years coding office visits.") == 0);
    CHECK(strcmp(at(v, "work.0.position"), "Coder II") == 0);
    CHECK(strcmp(at(v, "work.0.name"), "Lehigh Valley Primary Care Partners") == 0);
    CHECK(strcmp(at(v, "work.0.startDate"), "2020-06") == 0 && !*at(v, "work.0.endDate"));
    CHECK(strcmp(at(v, "work.0.highlights.1"), "Accuracy 86% on the 2025 external audit") == 0);
    /* the title is the one that reads like a title, whatever came first */
    CHECK(strcmp(at(v, "work.1.position"), "Medical Records Clerk") == 0);
    CHECK(strcmp(at(v, "work.1.name"), "Northside Methodist Hospital") == 0);
    CHECK(strcmp(at(v, "work.1.startDate"), "2015-03") == 0 && strcmp(at(v, "work.1.endDate"), "2019-05") == 0);
    CHECK(strcmp(at(v, "certificates.0.name"), "CPC") == 0 && strcmp(at(v, "certificates.0.issuer"), "AAPC") == 0 &&
          strcmp(at(v, "certificates.0.date"), "2020-03") == 0);
    CHECK(strcmp(at(v, "education.0.studyType"), "Diploma") == 0 &&
          strcmp(at(v, "education.0.area"), "Medical Billing and Coding") == 0);
    CHECK(strcmp(at(v, "education.0.institution"), "Keystone Career Institute") == 0 &&
          strcmp(at(v, "education.0.endDate"), "2019-12") == 0);
    CHECK(strcmp(at(v, "education.0.courses.1"), "Medical Terminology") == 0);
    CHECK(strcmp(at(v, "skills.0.name"), "Coding") == 0 && strcmp(at(v, "skills.0.level"), "Expert") == 0 &&
          strcmp(at(v, "skills.0.keywords.2"), "CPT") == 0);
    CHECK(strcmp(at(v, "languages.0.language"), "Spanish") == 0 &&
          strcmp(at(v, "languages.0.fluency"), "conversational") == 0);
    CHECK(d.n == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* Markdown: "Title — Employer", its dates on their own line; a school
     * and its year after the degree */
    static const char md[] = "# Ruth Ann Pruitt\n\n**Risk Adjustment Coder, CRC**\n\n## Experience\n\n"
                             "### Risk Adjustment Coder II \xe2\x80\x94 Crossroads Medicare Advantage Plan\n"
                             "*Jun 2019 \xe2\x80\x93 Present*\n\n- Chart review, 30-40 charts a day\n\n"
                             "## Education\n\n**Associate of Applied Science, Medical Office Administration**, "
                             "Ivy Tech Community College (2014)\n";
    v = read_resume(md, 1, &d);
    CHECK(strcmp(at(v, "basics.name"), "Ruth Ann Pruitt") == 0 &&
          strcmp(at(v, "basics.label"), "Risk Adjustment Coder, CRC") == 0);
    CHECK(strcmp(at(v, "work.0.position"), "Risk Adjustment Coder II") == 0 &&
          strcmp(at(v, "work.0.name"), "Crossroads Medicare Advantage Plan") == 0 &&
          strcmp(at(v, "work.0.startDate"), "2019-06") == 0);
    CHECK(strcmp(at(v, "education.0.studyType"), "Associate of Applied Science") == 0 &&
          strcmp(at(v, "education.0.institution"), "Ivy Tech Community College") == 0 &&
          strcmp(at(v, "education.0.endDate"), "2014") == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a bare year ends a course of study, never a job's title */
    v = read_resume("Jane Roe\n\nEXPERIENCE\nDirector of Marketing 2020\nAcme Health   2019 - 2021\n\n"
                    "EDUCATION\nBS, Business Administration, Colorado State University, 2015\n"
                    "University of Minnesota 2008\n", 0, &d);
    CHECK(!strstr(at(v, "work.0.startDate"), "2020") && !strstr(at(v, "work.0.endDate"), "2020"));
    CHECK(strcmp(at(v, "education.0.institution"), "Colorado State University") == 0 &&
          strcmp(at(v, "education.0.endDate"), "2015") == 0);
    CHECK(strcmp(at(v, "education.1.institution"), "University of Minnesota") == 0 &&
          strcmp(at(v, "education.1.endDate"), "2008") == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a functional resume: a skill group named "(training)" is no heading,
     * each of three bullets on a line is a skill, a letter-spaced heading
     * with an "&" is one */
    v = read_resume("Jane Roe\n\nKey Skills\nCoding (training)\n\xe2\x80\xa2 CPT      \xe2\x80\xa2 ICD-10-CM      "
                    "\xe2\x80\xa2 HCPCS\n\nE D U C AT I O N & T R A I N I N G\n"
                    "Fresno City College | Certificate, Medical Coding | Jan 2024 \xe2\x80\x93 Dec 2024\n", 0, &d);
    CHECK(!*at(v, "education.1.institution") && strcmp(at(v, "education.0.institution"), "Fresno City College") == 0);
    CHECK(strcmp(at(v, "skills.1.name"), "CPT") == 0 && strcmp(at(v, "skills.2.name"), "ICD-10-CM") == 0 &&
          strcmp(at(v, "skills.3.name"), "HCPCS") == 0);
    CHECK(!*at(v, "work.0.name"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* the title is the text whose last word names a role, whatever came
     * first; a check mark is a bullet */
    v = read_resume("Jane Roe\n\nEXPERIENCE\nBluegrass Heart & Vascular\nClinic LPN   2016 - 2019\n"
                    "\xe2\x9c\x93  Answer 60+ member calls a day\nBig Red Burgers | Crew Member | 2014 - 2016\n", 0, &d);
    CHECK(strcmp(at(v, "work.0.position"), "Clinic LPN") == 0 &&
          strcmp(at(v, "work.0.name"), "Bluegrass Heart & Vascular") == 0);
    CHECK(strcmp(at(v, "work.0.highlights.0"), "Answer 60+ member calls a day") == 0);
    CHECK(strcmp(at(v, "work.1.position"), "Crew Member") == 0 && strcmp(at(v, "work.1.name"), "Big Red Burgers") == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a sentence is a job's description, never its employer or dates; one
     * word after a dash stays with the title; "at" inside a school's
     * name; a course list that goes on; a "Training" section lists
     * trainings, its items with a comma no headings */
    v = read_resume("Jane Roe\n\nEXPERIENCE\nBilling Clerk   Jun 2014 - Dec 2016\nBay Area Imaging\n"
                    "Charge entry and payment posting; some radiology coding under supervision in 2016.\n"
                    "Patient Financial Services Rep II \xe2\x80\x93 Denials   Jul 2022 - Present\n"
                    "Franklin Mountain Medical Center\n\nEDUCATION\nBachelor of Science, Biology\n"
                    "The University of Texas at Dallas\nCoursework: ICD-10-CM; CPT & HCPCS;\n"
                    "Medical Terminology; Anatomy & Physiology\n\nTraining\nHIPAA Training, Granite State\n"
                    "Pediatrics (2025)\n", 0, &d);
    CHECK(strcmp(at(v, "work.0.name"), "Bay Area Imaging") == 0 && strcmp(at(v, "work.0.startDate"), "2014-06") == 0 &&
          strstr(at(v, "work.0.summary"), "in 2016."));
    CHECK(strcmp(at(v, "work.1.position"), "Patient Financial Services Rep II \xe2\x80\x93 Denials") == 0 &&
          strcmp(at(v, "work.1.name"), "Franklin Mountain Medical Center") == 0);
    CHECK(strcmp(at(v, "education.0.institution"), "The University of Texas at Dallas") == 0 &&
          strcmp(at(v, "education.0.courses.3"), "Anatomy & Physiology") == 0);
    CHECK(strcmp(at(v, "certificates.0.name"), "HIPAA Training") == 0 &&
          strcmp(at(v, "certificates.0.issuer"), "Granite State Pediatrics") == 0 &&
          strcmp(at(v, "certificates.0.date"), "2025") == 0 && !*at(v, "education.1.institution"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* under "Training", a course of study at a school is education */
    v = read_resume("Jane Roe\n\nTRAINING\nMedical Coding Certificate, Ivy Tech Community College, 2019\n"
                    "HIPAA Awareness, online course (2023)\n", 0, &d);
    CHECK(strcmp(at(v, "education.0.institution"), "Ivy Tech Community College") == 0 &&
          strcmp(at(v, "education.0.endDate"), "2019") == 0);
    CHECK(strcmp(at(v, "certificates.0.name"), "HIPAA Awareness") == 0 && !*at(v, "certificates.1.name"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a name set large over two lines; a credential wrapped after "&" and
     * inside its parentheses, its issuer after the last comma */
    v = read_resume("Tanisha\nBrooks\nBILLING AND CODING SPECIALIST\n\nCERTIFICATION\nCBCS - Certified Billing &\n"
                    "Coding Specialist, NHA (Oct\n2025)\n", 0, &d);
    CHECK(strcmp(at(v, "basics.name"), "Tanisha Brooks") == 0 &&
          strcmp(at(v, "basics.label"), "BILLING AND CODING SPECIALIST") == 0);
    CHECK(strcmp(at(v, "certificates.0.name"), "CBCS - Certified Billing & Coding Specialist") == 0 &&
          strcmp(at(v, "certificates.0.issuer"), "NHA") == 0 && strcmp(at(v, "certificates.0.date"), "2025-10") == 0);
    CHECK(!*at(v, "certificates.1.name"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a credential wrapped after a separator, and one wrapped in a sidebar */
    v = read_resume("Jane Roe\n\nCERTIFICATIONS\nCertified Outpatient Coder (COC) |\nAAPC | 10/2021\n"
                    "Certified Professional Coder\n(CPC) \xc2\xb7 AAPC \xc2\xb7 Issued May\n2025\n", 0, &d);
    CHECK(strcmp(at(v, "certificates.0.name"), "Certified Outpatient Coder (COC)") == 0 &&
          strcmp(at(v, "certificates.0.issuer"), "AAPC") == 0 && strcmp(at(v, "certificates.0.date"), "2021-10") == 0);
    CHECK(strcmp(at(v, "certificates.1.name"), "Certified Professional Coder (CPC)") == 0 &&
          strcmp(at(v, "certificates.1.issuer"), "AAPC") == 0 && strcmp(at(v, "certificates.1.date"), "2025-05") == 0);
    CHECK(!*at(v, "certificates.2.name"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* a credential line that ends with its comma: no issuer read past it */
    v = read_resume("Jane Roe\n\nCERTIFICATIONS\nCPC,\nCCS \xe2\x80\x93 \n", 0, &d);
    CHECK(strcmp(at(v, "certificates.0.name"), "CPC") == 0 && !*at(v, "certificates.0.issuer"));
    CHECK(strcmp(at(v, "certificates.1.name"), "CCS") == 0 && !*at(v, "certificates.1.issuer"));
    cJSON_Delete(v);
    cf_diags_clear(&d);

    /* nothing of a resume: no name made up, and said */
    v = read_resume("call back on Tuesday\n", 0, &d);
    CHECK(!*at(v, "basics.name") && strcmp(at(v, "basics.summary"), "call back on Tuesday") == 0);
    CHECK(t_has_diag(&d, "nothing-found", 0, 0));
    cJSON_Delete(v);
    cf_diags_clear(&d);
    /* a section with no place in a profile: its lines counted, where they start */
    v = read_resume("Jane Roe\n\nEXPERIENCE\nCoder   2019 - 2020\n\nAWARDS\nBest coder 2020\nTop 10\n", 0, &d);
    CHECK(t_has_diag(&d, "unplaced", 1, 7) && strstr(d.items[0].message, "2 lines"));
    cJSON_Delete(v);
    cf_diags_clear(&d);
    /* a format with no reader says how to convert it */
    char *json = NULL;
    size_t len;
    CHECK(cf_resume_read("r.pdf", CF_DOC_PDF, "%PDF-1.7", 8, &json, &len, &d) == CF_EINPUT && !json &&
          t_has_diag(&d, "format", 0, 0) && strstr(d.items[0].message, "pdftohtml"));
    cf_diags_clear(&d);
}

/* A PDF's text, as pdftohtml writes it (tests/data/pdf). */
static cJSON *read_pdf(const char *name, cf_diags *d, cf_status *st)
{
    char path[128];
    snprintf(path, sizeof path, "tests/data/pdf/%s.xml", name);
    size_t len;
    char *xml = t_read(path, &len), *json = NULL;
    size_t jlen = 0;
    *st = xml ? cf_resume_read_pdf(name, xml, len, &json, &jlen, d) : CF_ESYSTEM;
    cf_free(xml);
    cJSON *v = json ? cJSON_ParseWithLength(json, jlen) : NULL;
    cf_free(json);
    return v;
}

static void pdf(void)
{
    cf_diags d = {0};
    cf_status st;
    cJSON *v = read_pdf("brittany-lasko", &d, &st);
    CHECK(st == CF_OK && v);
    CHECK(strcmp(at(v, "basics.name"), "Brittany Lasko") == 0 && strcmp(at(v, "basics.phone"), "610-555-0194") == 0);
    /* "Certiﬁed": the ligature spelt out */
    CHECK(strncmp(at(v, "basics.summary"), "Certified Professional Coder with over six years", 48) == 0);
    CHECK(strcmp(at(v, "work.1.position"), "Billing Clerk") == 0 &&
          strcmp(at(v, "work.1.name"), "Lehigh Valley Primary Care Partners") == 0 &&
          strcmp(at(v, "work.1.endDate"), "2020-05") == 0);
    /* a bullet, then the bold code, then the rest: one line */
    CHECK(strcmp(at(v, "certificates.0.name"), "CPC") == 0 && strcmp(at(v, "certificates.0.date"), "2020-03") == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);
    /* "E X P E R I E N C E": a heading set with spaced letters; a bullet
     * that wraps onto an indented line is one bullet */
    v = read_pdf("darnell-whitaker", &d, &st);
    CHECK(st == CF_OK && strcmp(at(v, "work.0.name"), "Lakeshore Orthopaedic & Spine Associates") == 0 &&
          strcmp(at(v, "work.0.position"), "Pro-Fee Coder II") == 0 && strcmp(at(v, "work.0.startDate"), "2020-03") == 0);
    const char *h0 = at(v, "work.0.highlights.0");
    CHECK(strstr(h0, "Code 90-120 encounters") == h0 && strstr(h0, " fusion"));
    CHECK(strcmp(at(v, "education.0.institution"), "Malcolm X College") == 0);
    cJSON_Delete(v);
    cf_diags_clear(&d);
    /* a scan: no text at all */
    v = read_pdf("scanned", &d, &st);
    CHECK(st == CF_EINPUT && !v && t_has_diag(&d, "scanned", 0, 0));
    cf_diags_clear(&d);
    /* what is not pdftohtml's XML */
    char *json = NULL;
    size_t jlen;
    CHECK(cf_resume_read_pdf("x", "<html/>", 7, &json, &jlen, &d) == CF_EINPUT && !json && t_has_diag(&d, "format", 0, 0));
    cf_diags_clear(&d);
}

void test_resume(void)
{
    detect();
    text_lines();
    sections();
    pdf();
}
