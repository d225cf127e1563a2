/* JSON Schemas: the profile's is generated from the model table, so that
 * the schema, the validator and the rubric path check cannot disagree. */
#include <string.h>
#include "internal.h"

static cJSON *field_schema(const cf_field *f, cf_ftype type, const cf_field *owner);

static cJSON *object_schema(const cf_field *fields)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *props = o ? cf_json_add_obj(o, "properties") : NULL;
    cJSON *req = cJSON_CreateArray();
    if (!o || !props || !req || !cf_json_add_str(o, "type", "object"))
        goto fail;
    for (const cf_field *f = fields; f->name; f++) {
        cJSON *s = field_schema(f, f->type, f);
        if (!s)
            goto fail;
        cJSON_AddItemToObjectCS(props, f->name, s);   /* the model's static names */
        if ((f->flags & CF_F_REQUIRED) && cf_json_push_str(req, f->name))
            goto fail;
    }
    if (cJSON_GetArraySize(req))
        cJSON_AddItemToObjectCS(o, "required", req);
    else
        cJSON_Delete(req);
    req = NULL;
    if (!cf_json_add_bool(o, "additionalProperties", 0))
        goto fail;
    return o;
fail:
    cJSON_Delete(req);
    cJSON_Delete(o);
    return NULL;
}

static cJSON *field_schema(const cf_field *f, cf_ftype type, const cf_field *owner)
{
    cJSON *s = NULL;
    int ok = 1;
    switch (type) {
    case CF_T_OBJECT:
        s = object_schema(f->fields);
        break;
    case CF_T_FREE:
        s = cJSON_CreateObject();
        ok = s && cf_json_add_str(s, "type", "object");
        break;
    case CF_T_ARRAY: {
        s = cJSON_CreateObject();
        cJSON *items = s ? field_schema(f, f->item, owner) : NULL;
        ok = s && items && cf_json_add_str(s, "type", "array");
        if (items)
            cJSON_AddItemToObjectCS(s, "items", items);
        break;
    }
    case CF_T_NUMBER:
        s = cJSON_CreateObject();
        ok = s && cf_json_add_str(s, "type", "number");
        if (ok && (f->min != 0 || f->max != 0))
            ok = cf_json_add_num(s, "minimum", f->min) && cf_json_add_num(s, "maximum", f->max);
        break;
    case CF_T_BOOL:
        s = cJSON_CreateObject();
        ok = s && cf_json_add_str(s, "type", "boolean");
        break;
    case CF_T_DATE:
        s = cJSON_CreateObject();
        ok = s && cf_json_add_str(s, "type", "string") &&
             cf_json_add_str(s, "pattern", "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$");
        break;
    case CF_T_ENUM: {
        s = cJSON_CreateObject();
        cJSON *e = s ? cf_json_add_arr(s, "enum") : NULL;
        ok = e != NULL;
        for (const char *const *v = f->values; ok && *v; v++)
            ok = cf_json_push_str(e, *v) == 0;
        break;
    }
    default:
        s = cJSON_CreateObject();
        ok = s && cf_json_add_str(s, "type", "string");
        if (ok && strcmp(f->name, "format") == 0 && owner == f)
            ok = cf_json_add_str(s, "const", CF_PROFILE_FORMAT) != NULL;
        break;
    }
    /* The description belongs to the field, not to each array item. */
    if (ok && s && f->doc && type == f->type && !cf_json_add_str(s, "description", f->doc))
        ok = 0;
    if (!ok) {
        cJSON_Delete(s);
        return NULL;
    }
    return s;
}

static const char report_schema[] =
    "{\n"
    "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
    "  \"title\": \"coderfit fit report\",\n"
    "  \"type\": \"object\",\n"
    "  \"required\": [\"format\", \"source\", \"rubric\", \"as_of\", \"score\", \"tier\", \"eligible\",\n"
    "               \"completeness\", \"qualities\", \"gates\", \"gaps\", \"warnings\"],\n"
    "  \"properties\": {\n"
    "    \"format\": {\"const\": \"" CF_REPORT_FORMAT "\"},\n"
    "    \"source\": {\"type\": \"string\", \"description\": \"the input, as named on the command line (FILE:LINE in a stream)\"},\n"
    "    \"applicant\": {\"type\": \"object\", \"additionalProperties\": false, \"description\": \"who the applicant is, as stated (basics of a JSON Resume, applicant of a native profile): never read by scoring, absent with --blind\",\n"
    "                  \"properties\": {\"id\": {\"type\": \"string\", \"description\": \"the input's own id (an applicant tracking system's: the applicant's or basics' id, or meta.id), else its file's name without the extension (FILE:LINE in a stream)\"},\n"
    "                                 \"name\": {\"type\": \"string\"}, \"email\": {\"type\": \"string\"}, \"phone\": {\"type\": \"string\"},\n"
    "                                 \"location\": {\"type\": \"string\", \"description\": \"city, region, country as stated\"}}},\n"
    "    \"fingerprint\": {\"type\": \"string\", \"pattern\": \"^[0-9a-f]{16}$\", \"description\": \"FNV-1a 64 of the profile's content, spacing aside: the same profile twice (rank's duplicates)\"},\n"
    "    \"input_format\": {\"enum\": [\"native\", \"jsonresume\"]},\n"
    "    \"read_from\": {\"type\": \"object\", \"required\": [\"format\"], \"additionalProperties\": false, \"description\": \"a resume file (PDF, DOCX, ODT, text, Markdown) that the JSON Resume was read from\",\n"
    "                  \"properties\": {\"format\": {\"type\": \"string\"}, \"pages\": {\"type\": \"integer\", \"minimum\": 1}}},\n"
    "    \"rubric\": {\"type\": \"object\", \"required\": [\"id\", \"version\", \"checksum\"],\n"
    "               \"properties\": {\"id\": {\"type\": \"string\"}, \"version\": {\"type\": \"string\"},\n"
    "                              \"title\": {\"type\": \"string\", \"description\": \"the opening the tiers are for\"},\n"
    "                              \"checksum\": {\"type\": \"string\", \"description\": \"FNV-1a 64 of the rubric's bytes\"}}},\n"
    "    \"as_of\": {\"type\": \"string\", \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"},\n"
    "    \"score\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 100},\n"
    "    \"tier\": {\"type\": \"string\"},\n"
    "    \"tier_label\": {\"type\": \"string\"},\n"
    "    \"eligible\": {\"type\": \"boolean\", \"description\": \"every gate passed\"},\n"
    "    \"completeness\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1,\n"
    "                     \"description\": \"share of the rubric's weight for which the profile stated anything\"},\n"
    "    \"facts\": {\"type\": \"object\", \"required\": [\"line\", \"credentials\", \"settings\", \"remote\"], \"additionalProperties\": false,\n"
    "      \"description\": \"what a recruiter reads a resume for, as the profile states it: never read by scoring\",\n"
    "      \"properties\": {\n"
    "        \"line\": {\"type\": \"string\", \"description\": \"the facts in one line, with a failed gate or the requirement that holds the applicant back\"},\n"
    "        \"credentials\": {\"type\": \"array\", \"description\": \"coding, CDI, billing, HIM and clinical credentials, each code once\",\n"
    "          \"items\": {\"type\": \"object\", \"required\": [\"code\", \"status\"], \"additionalProperties\": false,\n"
    "            \"properties\": {\"code\": {\"type\": \"string\"}, \"status\": {\"enum\": [\"active\", \"not stated\", \"lapsed\", \"expired\", \"in progress\"]},\n"
    "                           \"year\": {\"type\": \"integer\", \"description\": \"earned; for a lapsed or expired one, when it ended if stated\"}}}},\n"
    "        \"coding_years\": {\"type\": \"number\", \"minimum\": 0, \"description\": \"years of coding and coding audit, each month in full; absent when no work is listed\"},\n"
    "        \"settings\": {\"type\": \"array\", \"items\": {\"enum\": [\"inpatient\", \"outpatient\", \"profee\", \"risk\", \"mixed\"]}, \"description\": \"of the coding jobs, latest first\"},\n"
    "        \"remote\": {\"type\": \"boolean\", \"description\": \"has coded remotely\"},\n"
    "        \"accuracy\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1, \"description\": \"audited coding accuracy as stated\"},\n"
    "        \"charts_per_hour\": {\"type\": \"number\"}, \"charts_per_day\": {\"type\": \"number\"}}},\n"
    "    \"qualities\": {\"type\": \"array\", \"items\": {\"type\": \"object\",\n"
    "      \"required\": [\"id\", \"name\", \"weight\", \"score\", \"points\", \"max_points\", \"criteria\"],\n"
    "      \"properties\": {\n"
    "        \"id\": {\"type\": \"string\"}, \"name\": {\"type\": \"string\"}, \"weight\": {\"type\": \"number\"},\n"
    "        \"score\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 100},\n"
    "        \"points\": {\"type\": \"number\"}, \"max_points\": {\"type\": \"number\"},\n"
    "        \"criteria\": {\"type\": \"array\", \"items\": {\"type\": \"object\",\n"
    "          \"required\": [\"id\", \"type\", \"weight\", \"fraction\", \"points\", \"max_points\", \"missing\", \"evidence\"],\n"
    "          \"properties\": {\n"
    "            \"id\": {\"type\": \"string\"}, \"label\": {\"type\": \"string\"},\n"
    "            \"type\": {\"enum\": [\"credential\", \"level\", \"ramp\", \"terms\", \"flag\", \"recency\"]},\n"
    "            \"weight\": {\"type\": \"number\"}, \"fraction\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1},\n"
    "            \"points\": {\"type\": \"number\"}, \"max_points\": {\"type\": \"number\"},\n"
    "            \"missing\": {\"type\": \"boolean\", \"description\": \"the profile stated nothing for this criterion\"},\n"
    "            \"evidence\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"path\", \"value\"],\n"
    "              \"properties\": {\"path\": {\"type\": \"string\", \"description\": \"in the native model\"}, \"input_path\": {\"type\": \"string\", \"description\": \"the same in the input's terms (a JSON Resume's), where it differs\"}, \"value\": {\"type\": \"string\", \"description\": \"what the profile says, in its words\"}, \"read_as\": {\"type\": \"string\", \"description\": \"the rubric's term the value was read as, where the words differ\"}, \"note\": {\"type\": \"string\"}, \"place\": {\"type\": \"string\", \"description\": \"where a resume file says it: SOURCE:PAGE:LINE\"}}}}}}}}}},\n"
    "    \"gates\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"required\": [\"id\", \"passed\"],\n"
    "      \"properties\": {\"id\": {\"type\": \"string\"}, \"label\": {\"type\": \"string\"}, \"passed\": {\"type\": \"boolean\"},\n"
    "                     \"advice\": {\"type\": \"string\"}}}},\n"
    "    \"gaps\": {\"type\": \"array\", \"description\": \"what would raise the score most, first\",\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"quality\", \"criterion\", \"points\", \"stated\"],\n"
    "        \"properties\": {\"quality\": {\"type\": \"string\"}, \"criterion\": {\"type\": \"string\"},\n"
    "                       \"label\": {\"type\": \"string\"}, \"points\": {\"type\": \"number\"},\n"
    "                       \"stated\": {\"type\": \"boolean\"}, \"advice\": {\"type\": [\"string\", \"null\"]}}}},\n"
    "    \"warnings\": {\"type\": \"array\", \"description\": \"fields of the profile left out of scoring\",\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"rule\", \"message\"],\n"
    "        \"properties\": {\"field\": {\"type\": \"string\", \"description\": \"its path in the input\"},\n"
    "                       \"line\": {\"type\": \"integer\"}, \"column\": {\"type\": \"integer\"},\n"
    "                       \"rule\": {\"type\": \"string\"}, \"message\": {\"type\": \"string\"}}}}\n"
    "  }\n"
    "}\n";

/* The rubric format, version 1, as a JSON Schema; `coderfit show -f json`
 * prints a rubric in the shape it describes. */
static const char rubric_schema[] =
    "{\n"
    "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
    "  \"title\": \"coderfit rubric (" CF_RUBRIC_FORMAT ")\",\n"
    "  \"type\": \"object\",\n"
    "  \"required\": [\"format\", \"id\", \"version\", \"tiers\", \"qualities\"],\n"
    "  \"additionalProperties\": false,\n"
    "  \"properties\": {\n"
    "    \"format\": {\"const\": \"" CF_RUBRIC_FORMAT "\"},\n"
    "    \"id\": {\"$ref\": \"#/$defs/id\"},\n"
    "    \"version\": {\"type\": \"string\"},\n"
    "    \"title\": {\"type\": \"string\"},\n"
    "    \"description\": {\"type\": \"string\"},\n"
    "    \"insufficient\": {\"type\": \"object\", \"required\": [\"below\"], \"additionalProperties\": false,\n"
    "      \"description\": \"below this completeness a profile gets no tier: insufficient information\",\n"
    "      \"properties\": {\"below\": {\"type\": \"number\", \"exclusiveMinimum\": 0, \"exclusiveMaximum\": 1},\n"
    "                     \"label\": {\"type\": \"string\"}}},\n"
    "    \"tiers\": {\"type\": \"array\", \"minItems\": 1, \"description\": \"highest first; the last min is 0\",\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"id\", \"label\", \"min\"], \"additionalProperties\": false,\n"
    "        \"properties\": {\"id\": {\"$ref\": \"#/$defs/id\"}, \"label\": {\"type\": \"string\"},\n"
    "                       \"min\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 100},\n"
    "                       \"requires\": {\"$ref\": \"#/$defs/conditions\"},\n"
    "                       \"description\": {\"type\": \"string\"}}}},\n"
    "    \"gates\": {\"type\": \"array\",\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"id\", \"label\"], \"additionalProperties\": false,\n"
    "        \"properties\": {\"id\": {\"$ref\": \"#/$defs/id\"}, \"label\": {\"type\": \"string\"},\n"
    "                       \"advice\": {\"type\": \"string\"}, \"description\": {\"type\": \"string\"},\n"
    "                       \"any\": {\"$ref\": \"#/$defs/conditions\"}, \"all\": {\"$ref\": \"#/$defs/conditions\"}},\n"
    "        \"oneOf\": [{\"required\": [\"any\"]}, {\"required\": [\"all\"]}]}},\n"
    "    \"qualities\": {\"type\": \"array\", \"minItems\": 1,\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"id\", \"name\", \"weight\", \"criteria\"],\n"
    "        \"additionalProperties\": false,\n"
    "        \"properties\": {\"id\": {\"$ref\": \"#/$defs/id\"}, \"name\": {\"type\": \"string\"},\n"
    "                       \"weight\": {\"$ref\": \"#/$defs/weight\"}, \"description\": {\"type\": \"string\"},\n"
    "                       \"criteria\": {\"type\": \"array\", \"minItems\": 1,\n"
    "                                    \"items\": {\"$ref\": \"#/$defs/criterion\"}}}}}\n"
    "  },\n"
    "  \"$defs\": {\n"
    "    \"id\": {\"type\": \"string\", \"pattern\": \"^[a-z0-9_-]+$\"},\n"
    "    \"weight\": {\"type\": \"number\", \"exclusiveMinimum\": 0},\n"
    "    \"fraction\": {\"type\": \"number\", \"minimum\": 0, \"maximum\": 1},\n"
    "    \"path\": {\"type\": \"string\", \"pattern\": \"^[a-z_][a-z0-9_]*(\\\\[\\\\])?(\\\\.[a-z_][a-z0-9_]*(\\\\[\\\\])?)*$\"},\n"
    "    \"conditions\": {\"type\": \"array\", \"minItems\": 1, \"items\": {\"$ref\": \"#/$defs/condition\"}},\n"
    "    \"condition\": {\"type\": \"object\", \"additionalProperties\": false,\n"
    "      \"properties\": {\"criterion\": {\"type\": \"string\", \"pattern\": \"^[a-z0-9_-]+\\\\.[a-z0-9_-]+$\"},\n"
    "                     \"path\": {\"$ref\": \"#/$defs/path\"}, \"gate\": {\"$ref\": \"#/$defs/id\"},\n"
    "                     \"any\": {\"$ref\": \"#/$defs/conditions\"}, \"all\": {\"$ref\": \"#/$defs/conditions\"},\n"
    "                     \"at_least\": {\"type\": \"number\"}, \"above\": {\"type\": \"number\"},\n"
    "                     \"at_most\": {\"type\": \"number\"}, \"below\": {\"type\": \"number\"},\n"
    "                     \"missing\": {\"enum\": [\"pass\", \"fail\"]}, \"label\": {\"type\": \"string\"}},\n"
    "      \"oneOf\": [\n"
    "        {\"required\": [\"criterion\"], \"oneOf\": [{\"required\": [\"at_least\"]}, {\"required\": [\"above\"]}],\n"
    "         \"properties\": {\"at_least\": {\"$ref\": \"#/$defs/fraction\"}, \"above\": {\"$ref\": \"#/$defs/fraction\"},\n"
    "                        \"at_most\": false, \"below\": false}},\n"
    "        {\"required\": [\"path\"], \"oneOf\": [{\"required\": [\"at_least\"]}, {\"required\": [\"above\"]},\n"
    "                                             {\"required\": [\"at_most\"]}, {\"required\": [\"below\"]}]},\n"
    "        {\"required\": [\"gate\"]}, {\"required\": [\"any\"]}, {\"required\": [\"all\"]}]},\n"
    "    \"advice\": {\"oneOf\": [{\"type\": \"string\"},\n"
    "      {\"type\": \"object\", \"required\": [\"default\"], \"additionalProperties\": false,\n"
    "       \"description\": \"a text for each state the profile may be in, default for the rest\",\n"
    "       \"properties\": {\"default\": {\"type\": \"string\"}, \"none\": {\"type\": \"string\"},\n"
    "                      \"lower\": {\"type\": \"string\"}, \"lapsed\": {\"type\": \"string\"},\n"
    "                      \"apprentice\": {\"type\": \"string\"}, \"in_progress\": {\"type\": \"string\"},\n"
    "                      \"undated\": {\"type\": \"string\"}, \"retake\": {\"type\": \"string\"}}}]},\n"
    "    \"implied_by\": {\"type\": \"array\", \"minItems\": 1,\n"
    "      \"items\": {\"type\": \"object\", \"required\": [\"path\"], \"additionalProperties\": false,\n"
    "        \"properties\": {\"path\": {\"$ref\": \"#/$defs/path\"}, \"from\": {\"type\": \"number\"},\n"
    "                       \"to\": {\"type\": \"number\"},\n"
    "                       \"up_to\": {\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 1},\n"
    "                       \"label\": {\"type\": \"string\"}}}},\n"
    "    \"where\": {\"type\": \"object\", \"additionalProperties\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}},\n"
    "    \"criterion\": {\n"
    "      \"type\": \"object\",\n"
    "      \"required\": [\"id\", \"type\", \"weight\", \"path\"],\n"
    "      \"properties\": {\n"
    "        \"id\": {\"$ref\": \"#/$defs/id\"},\n"
    "        \"label\": {\"type\": \"string\"},\n"
    "        \"type\": {\"enum\": [\"credential\", \"level\", \"ramp\", \"terms\", \"flag\", \"recency\"]},\n"
    "        \"weight\": {\"$ref\": \"#/$defs/weight\"},\n"
    "        \"missing\": {\"oneOf\": [{\"const\": \"zero\"}, {\"$ref\": \"#/$defs/fraction\"}]},\n"
    "        \"advice\": {\"$ref\": \"#/$defs/advice\"},\n"
    "        \"implied_by\": {\"$ref\": \"#/$defs/implied_by\"},\n"
    "        \"advise_when\": {\"$ref\": \"#/$defs/condition\",\n"
    "          \"description\": \"a gap of the criterion is advised only when this holds\"},\n"
    "        \"description\": {\"type\": \"string\"}\n"
    "      },\n"
    "      \"allOf\": [\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"credential\"}}},\n"
    "         \"then\": {\"required\": [\"points\"], \"properties\": {\n"
    "           \"path\": {\"$ref\": \"#/$defs/path\"},\n"
    "           \"points\": {\"type\": \"object\", \"minProperties\": 1, \"additionalProperties\": {\"$ref\": \"#/$defs/fraction\"}},\n"
    "           \"combine\": {\"enum\": [\"best\", \"sum\"]},\n"
    "           \"currency\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\n"
    "             \"renew_every_months\": {\"type\": \"number\", \"exclusiveMinimum\": 0},\n"
    "             \"grace_days\": {\"type\": \"number\", \"minimum\": 0},\n"
    "             \"lapsed\": {\"$ref\": \"#/$defs/fraction\"},\n"
    "             \"undated\": {\"$ref\": \"#/$defs/fraction\"},\n"
    "             \"reinstate_within_months\": {\"type\": \"number\", \"exclusiveMinimum\": 0},\n"
    "             \"retake\": {\"$ref\": \"#/$defs/fraction\"}}}}}},\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"level\"}}},\n"
    "         \"then\": {\"required\": [\"levels\"], \"properties\": {\n"
    "           \"path\": {\"$ref\": \"#/$defs/path\"}, \"where\": {\"$ref\": \"#/$defs/where\"},\n"
    "           \"levels\": {\"type\": \"object\", \"minProperties\": 1, \"additionalProperties\": {\"$ref\": \"#/$defs/fraction\"}}}}},\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"ramp\"}}},\n"
    "         \"then\": {\"required\": [\"from\", \"to\"], \"properties\": {\n"
    "           \"path\": {\"$ref\": \"#/$defs/path\"}, \"where\": {\"$ref\": \"#/$defs/where\"},\n"
    "           \"from\": {\"type\": \"number\"}, \"to\": {\"type\": \"number\"},\n"
    "           \"ranges\": {\"type\": \"object\", \"required\": [\"path\", \"values\"], \"additionalProperties\": false,\n"
    "             \"properties\": {\"path\": {\"$ref\": \"#/$defs/path\"},\n"
    "               \"values\": {\"type\": \"object\", \"minProperties\": 1, \"additionalProperties\": {\n"
    "                 \"type\": \"object\", \"required\": [\"from\", \"to\"], \"additionalProperties\": false,\n"
    "                 \"properties\": {\"from\": {\"type\": \"number\"}, \"to\": {\"type\": \"number\"}}}}}}}}},\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"terms\"}}},\n"
    "         \"then\": {\"required\": [\"terms\"], \"properties\": {\n"
    "           \"path\": {\"oneOf\": [{\"$ref\": \"#/$defs/path\"},\n"
    "                    {\"type\": \"object\", \"minProperties\": 1,\n"
    "                     \"propertyNames\": {\"$ref\": \"#/$defs/path\"},\n"
    "                     \"additionalProperties\": {\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 1}}]},\n"
    "           \"terms\": {\"type\": \"object\", \"minProperties\": 1,\n"
    "                     \"additionalProperties\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}},\n"
    "           \"full\": {\"type\": \"number\", \"exclusiveMinimum\": 0}}}},\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"flag\"}}},\n"
    "         \"then\": {\"properties\": {\"path\": {\"$ref\": \"#/$defs/path\"}, \"where\": {\"$ref\": \"#/$defs/where\"}}}},\n"
    "        {\"if\": {\"properties\": {\"type\": {\"const\": \"recency\"}}},\n"
    "         \"then\": {\"required\": [\"full_within_months\", \"zero_after_months\"], \"properties\": {\n"
    "           \"path\": {\"$ref\": \"#/$defs/path\"}, \"where\": {\"$ref\": \"#/$defs/where\"},\n"
    "           \"full_within_months\": {\"type\": \"number\", \"minimum\": 0},\n"
    "           \"zero_after_months\": {\"type\": \"number\", \"exclusiveMinimum\": 0}}}}\n"
    "      ],\n"
    "      \"unevaluatedProperties\": false\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char *const schema_names[] = {"profile", "report", "rubric", "ranking", "advice", "caseload", "diff", "lint",
                                           "audit", "validation", NULL};

const char *const *cf_schema_names(void)
{
    return schema_names;
}

/* An embedded schema; one whose $defs holds "report" (a placeholder) gets
 * the report schema there, so that it stands alone. */
static cf_status embedded(const char *name, char **out, size_t *len)
{
    const struct cf_builtin *e = cf_builtin_find(cf_schemas, cf_nschemas, name);
    if (!e)
        return CF_EUSAGE;
    cJSON *root = cJSON_ParseWithLength(e->text, e->len);
    cJSON *defs = cf_get(root, "$defs");
    cf_status st = root ? CF_OK : CF_ESYSTEM;
    if (!st && cf_get(defs, "report")) {
        cJSON *rep = cJSON_Parse(report_schema);
        cJSON_DeleteItemFromObjectCaseSensitive(rep, "$schema");
        if (!rep || !cJSON_ReplaceItemInObjectCaseSensitive(defs, "report", rep)) {
            cJSON_Delete(rep);
            st = CF_ESYSTEM;
        } else if (!rep->string) {
            /* cJSON puts the item in place before copying its key, and
             * says nothing when that copy fails: rep is root's now */
            st = CF_ESYSTEM;
        }
    }
    cf_buf b = {0};
    if (!st) {
        cf_json_write(&b, root, 0, 1);
        cf_buf_putc(&b, '\n');
    }
    cJSON_Delete(root);
    if (st) {
        cf_buf_free(&b);
        return st;
    }
    return cf_buf_finish(&b, out, len);
}

cf_status cf_schema(const char *name, char **out, size_t *len)
{
    *out = NULL;
    cf_status st = embedded(name, out, len);
    if (st != CF_EUSAGE)
        return st;
    const char *fixed = strcmp(name, "report") == 0 ? report_schema
                      : strcmp(name, "rubric") == 0 ? rubric_schema : NULL;
    if (fixed) {
        *out = cf_strdup(fixed);
        if (len)
            *len = strlen(fixed);
        return *out ? CF_OK : CF_ESYSTEM;
    }
    if (strcmp(name, "profile") != 0)
        return CF_EUSAGE;
    cJSON *s = object_schema(cf_profile_model[0].fields);
    if (!s)
        return CF_ESYSTEM;
    /* Put the header keys first by building a new root. */
    cJSON *root = cJSON_CreateObject();
    cf_buf b = {0};
    if (!root || !cf_json_add_str(root, "$schema", "https://json-schema.org/draft/2020-12/schema") ||
        !cf_json_add_str(root, "title", "coderfit profile (" CF_PROFILE_FORMAT ")")) {
        cJSON_Delete(root);
        cJSON_Delete(s);
        return CF_ESYSTEM;
    }
    int ok = 1;
    while (ok && s->child) {
        cJSON *c = cJSON_DetachItemViaPointer(s, s->child);
        ok = cJSON_AddItemToObject(root, c->string, c);
        if (!ok)
            cJSON_Delete(c);
    }
    cJSON_Delete(s);
    if (!ok) {
        cJSON_Delete(root);
        return CF_ESYSTEM;
    }
    cf_json_write(&b, root, 0, 1);
    cf_buf_putc(&b, '\n');
    cJSON_Delete(root);
    return cf_buf_finish(&b, out, len);
}

