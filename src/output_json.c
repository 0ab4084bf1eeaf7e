/*
 * output_json: --format json, a document shaped like the data file
 * (`program` and `allies`), built with jansson.  See output.h.
 *
 * JSON is YAML, so what is written here loads again with --data.  Each
 * string goes in with its length, so a record's text is never cut at an
 * embedded NUL.  Characters a terminal acts on never go out raw: jansson
 * escapes the C0 controls, and write_safe() the rest.  Other text stays
 * as it is, emoji included, so that the output is readable and loads
 * again (libyaml refuses the surrogate pairs ensure-ascii JSON writes
 * for characters beyond U+FFFF; only the tag characters among the unsafe
 * ones are there, and JSON has no other way to write them).
 */
#include "output.h"

#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "record.h"
#include "text.h"
#include "util.h"

/* A new string value; jansson refuses only invalid UTF-8, ours never is. */
static json_t *
json_text(const char *s, size_t len)
{
	json_t *v;

	if ((v = json_stringn(s, len)) == NULL)
		die("JSON: cannot hold a string of %zu bytes", len);
	return v;
}

static void
put_text(json_t *obj, const char *key, const char *s)
{
	if (s != NULL)
		json_object_set_new(obj, key, json_text(s, strlen(s)));
}

static json_t *
json_strings(const char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_text(v[i], strlen(v[i])));
	return a;
}

static json_t *
json_program(const struct program *p)
{
	json_t *o = json_object();

	put_text(o, "name", p->name);
	put_text(o, "summary", p->summary);
	if (p->nbenefits > 0)
		json_object_set_new(o, "benefits",
		    json_strings((const char *const *)p->benefits,
		    p->nbenefits));
	put_text(o, "term", p->term);
	put_text(o, "url", p->url);
	put_text(o, "become_ally_url", p->become_ally_url);
	return o;
}

static json_t *
json_ally(const struct record *r)
{
	static const unsigned order[] = {
		FIELD_NAME, FIELD_ABBREVIATION, FIELD_URL, FIELD_DESCRIPTION
	};
	json_t *o = json_object();
	size_t i;
	unsigned f;

	for (i = 0; i < nitems(order); i++) {
		f = order[i];
		if (f == FIELD_ABBREVIATION && r->len[f] == 0)
			continue;
		json_object_set_new(o, field_name(f),
		    json_text(r->text[f], r->len[f]));
	}
	if (r->ntags > 0)
		json_object_set_new(o, "tags",
		    json_strings((const char *const *)r->tags, r->ntags));
	return o;
}

/* jansson's text into a buffer, to be looked over before it is written. */
static int
dump_keep(const char *buffer, size_t size, void *data)
{
	buf_add(data, buffer, size);
	return 0;
}

static void
add_u16(struct buf *b, unsigned u)
{
	buf_addf(b, "\\u%04x", u);
}

/*
 * jansson escapes the C0 controls; every other character a terminal
 * acts on (DEL, C1 controls, the format characters: see text_unsafe_at())
 * is written as \u escapes here, a character beyond U+FFFF as its
 * surrogate pair.  In JSON text a byte beyond ASCII can only stand
 * inside a string, so this is exact.
 */
static void
write_safe(FILE *fp, const struct buf *raw)
{
	struct buf b = { 0 };
	size_t i = 0, n;
	uint32_t cp;

	while (i < raw->len) {
		n = text_decode(raw->ptr + i, raw->len - i, &cp);
		/* ASCII left raw is the document's own layout, or text. */
		if ((cp < 0x80 && cp != 0x7f) ||
		    !text_unsafe_at(raw->ptr, raw->len, i))
			buf_add(&b, raw->ptr + i, n);
		else if (cp < 0x10000)
			add_u16(&b, cp);
		else {
			add_u16(&b, 0xd800 + ((cp - 0x10000) >> 10));
			add_u16(&b, 0xdc00 + ((cp - 0x10000) & 0x3ff));
		}
		i += n;
	}
	buf_addc(&b, '\n');
	fwrite(b.ptr, 1, b.len, fp);
	buf_free(&b);
}

int
output_json(FILE *fp, const struct recordset *rs, const size_t *idx, size_t n)
{
	json_t *doc = json_object(), *allies = json_array();
	struct buf raw = { 0 };
	size_t i;

	if (doc == NULL || allies == NULL)
		die("out of memory building JSON");
	if (rs->has_program)
		json_object_set_new(doc, "program", json_program(&rs->program));
	for (i = 0; i < n; i++)
		json_array_append_new(allies, json_ally(&rs->v[idx[i]]));
	json_object_set_new(doc, "allies", allies);
	if (json_dump_callback(doc, dump_keep, &raw,
	    JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
		die("JSON: cannot write the document");
	/* A failed write shows in ferror(fp). */
	write_safe(fp, &raw);
	buf_free(&raw);
	json_decref(doc);
	return 0;
}
