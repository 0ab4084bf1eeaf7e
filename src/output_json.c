/*
 * output_json: --format json, a document shaped like the data file
 * (`program` and `allies`), built with jansson.  See output.h.
 *
 * JSON is YAML, so what is written here loads again with --data.  Each
 * string goes in with its length, so a record's text is never cut at an
 * embedded NUL.  jansson escapes the C0 controls itself (DEL is done
 * here), and when the output would hold a character a terminal acts on
 * (C1 controls, the bidirectional marks, ...) everything beyond ASCII is
 * written as \u escapes, as output.c does for YAML.
 */
#include "output.h"

#include <string.h>

#include <jansson.h>

#include "record.h"
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

/*
 * jansson escapes the C0 controls but writes DEL raw.  A 0x7f byte in
 * UTF-8 is DEL itself and in JSON it can only stand inside a string, so
 * writing it as \u007f here is exact.
 */
static int
dump_write(const char *buffer, size_t size, void *data)
{
	const char *del;
	size_t n;

	while (size > 0) {
		del = memchr(buffer, 0x7f, size);
		n = del != NULL ? (size_t)(del - buffer) : size;
		if (fwrite(buffer, 1, n, data) != n)
			return -1;
		if (del != NULL && fputs("\\u007f", data) == EOF)
			return -1;
		n += del != NULL;
		buffer += n;
		size -= n;
	}
	return 0;
}

int
output_json(FILE *fp, const struct recordset *rs, const size_t *idx, size_t n)
{
	json_t *doc = json_object(), *allies = json_array();
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
	size_t i;

	if (doc == NULL || allies == NULL)
		die("out of memory building JSON");
	if (rs->has_program)
		json_object_set_new(doc, "program", json_program(&rs->program));
	for (i = 0; i < n; i++)
		json_array_append_new(allies, json_ally(&rs->v[idx[i]]));
	json_object_set_new(doc, "allies", allies);
	if (output_needs_escapes(rs, idx, n))
		flags |= JSON_ENSURE_ASCII;
	/* A failed write shows in ferror(fp). */
	if (json_dump_callback(doc, dump_write, fp, flags) == 0)
		fputc('\n', fp);
	json_decref(doc);
	return 0;
}
