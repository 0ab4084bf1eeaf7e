/*
 * fuzz_match: a libFuzzer target for the matcher's work budget: patterns
 * against data, where a slow pattern is a finding (`make fuzz` runs it
 * with a time bound per input, the replay driver with its own).
 *
 * The input is a pattern, a NUL, a repeat byte r, then the fields of the
 * records, separated by NULs, five to a record.  Each field's first
 * character is repeated 2^(r % 17) times, so that the fuzzer reaches
 * long runs (the a's that nested repeats choke on) with short inputs.
 * Invalid UTF-8 in the data is replaced, as the loader would refuse it.
 * Without a NUL the whole input is the pattern, over built-in words.
 *
 * Whatever the pattern: match_filter() ends (with the records or too
 * complex, never another error), match_scan() in small slices finds the
 * same records, each record found is one match_record() finds, and every
 * span match_spans() gives lies inside its text, in order, on character
 * boundaries.  A broken promise calls abort().
 *
 * Built two ways, like fuzz_load.c: with clang and -fsanitize=fuzzer by
 * `make fuzz`, and with replay.c as its main() by `make test`.
 */
#include "fuzz_load.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "record.h"
#include "text.h"
#include "util.h"

#define FUZZ_RECORDS	8		/* records built from one input */
#define FUZZ_RUN_MAX	(1 << 16)	/* repeats of a first character */
#define FUZZ_SLICE	4096		/* match_scan()'s work in a slice */

/* 0 when the pattern compiled, -1 when it was refused (replay.c). */
int	fuzz_last_load;

static const char *const words[FIELD_COUNT] = {
	"The Nurses' Society", "NS", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
	"https://nurses.example/", "care, équité, 中文",
};

/* Append the field at s (len bytes) to b, valid, its first char run. */
static void
add_field(struct buf *b, const char *s, size_t len, size_t run)
{
	size_t i = 0, n, k;
	uint32_t cp;

	for (; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		for (k = 0; k < (i == 0 ? run : 1); k++)
			text_encode(b, cp);
	}
}

/* Build up to FUZZ_RECORDS records from data into rs. */
static void
build(struct recordset *rs, const uint8_t *data, size_t size)
{
	struct buf text[FIELD_COUNT];
	struct record r;
	const char *p = (const char *)data, *end = p + size, *nul;
	size_t run = 1, f = 0, i;

	memset(text, 0, sizeof(text));
	if (size > 0) {
		run = (size_t)1 << (data[0] % 17);
		p++;
	}
	if (run > FUZZ_RUN_MAX)
		run = FUZZ_RUN_MAX;
	while (rs->len < FUZZ_RECORDS) {
		nul = memchr(p, '\0', (size_t)(end - p));
		add_field(&text[f], p, (size_t)((nul != NULL ? nul : end) - p),
		    run);
		if (++f == FIELD_COUNT || nul == NULL) {
			memset(&r, 0, sizeof(r));
			for (i = 0; i < FIELD_COUNT; i++) {
				buf_add(&text[i], "", 0);
				r.text[i] = text[i].ptr;
				r.len[i] = (uint32_t)text[i].len;
			}
			recordset_add_text(rs, &r);
			for (i = 0; i < FIELD_COUNT; i++)
				buf_reset(&text[i]);
			f = 0;
		}
		if (nul == NULL)
			break;
		p = nul + 1;
	}
	for (i = 0; i < FIELD_COUNT; i++)
		buf_free(&text[i]);
}

/* A search may end too complex, and in no other way. */
static void
ended_well(int rc, const struct match_error *err)
{
	if (rc < 0 && strcmp(err->msg, MATCH_TOO_COMPLEX) != 0)
		abort();
}

/* Every span lies in text, after the one before, on char boundaries. */
static void
check_spans(const struct spans *sp, const char *text, size_t len)
{
	size_t i, prev = 0;

	for (i = 0; i < sp->len; i++) {
		if (sp->v[i].start < prev || sp->v[i].start >= sp->v[i].end ||
		    sp->v[i].end > len)
			abort();
		if ((text[sp->v[i].start] & 0xc0) == 0x80 ||
		    (sp->v[i].end < len && (text[sp->v[i].end] & 0xc0) == 0x80))
			abort();
		prev = sp->v[i].end;
	}
}

/* match_scan() slice by slice gives what match_filter() gave. */
static void
check_slices(struct matcher *m, const struct recordset *rs,
    const struct indices *whole)
{
	struct indices sliced = { 0 };
	struct match_error err;
	size_t from = 0, next;
	int rc = 0;

	match_begin(m);
	while (from < rs->len && (rc = match_scan(m, rs, from, rs->len,
	    FUZZ_SLICE, &next, &sliced, &err)) == 0) {
		if (next <= from)
			abort();
		from = next;
	}
	ended_well(rc, &err);
	if (rc == 0 && (sliced.len != whole->len || (whole->len > 0 &&
	    memcmp(sliced.v, whole->v, whole->len * sizeof(*whole->v)) != 0)))
		abort();
	indices_free(&sliced);
}

/* Each record found matches on its own; each other one does not. */
static void
check_records(struct matcher *m, const struct recordset *rs,
    const struct indices *whole)
{
	struct match_error err;
	struct spans sp = { 0 };
	size_t i, k = 0, f;
	int mask, found;

	for (i = 0; i < rs->len; i++) {
		found = k < whole->len && whole->v[k] == i;
		k += found;
		match_begin(m);
		if ((mask = match_record(m, &rs->v[i], &err)) < 0) {
			ended_well(mask, &err);
			continue;
		}
		if ((mask != 0) != found)
			abort();
		for (f = 0; f < FIELD_COUNT; f++) {
			sp.len = 0;
			if (match_spans(m, rs->v[i].text[f], rs->v[i].len[f],
			    &sp, &err) < 0)
				ended_well(-1, &err);
			else
				check_spans(&sp, rs->v[i].text[f],
				    rs->v[i].len[f]);
		}
	}
	spans_free(&sp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recordset rs;
	struct indices whole = { 0 };
	struct match_error err;
	struct matcher *m;
	const uint8_t *nul = memchr(data, '\0', size);
	size_t plen = nul != NULL ? (size_t)(nul - data) : size;
	struct record r;
	int rc, f;

	recordset_init(&rs);
	if (nul != NULL)
		build(&rs, nul + 1, size - plen - 1);
	else {
		memset(&r, 0, sizeof(r));
		for (f = 0; f < FIELD_COUNT; f++) {
			r.text[f] = words[f];
			r.len[f] = (uint32_t)strlen(words[f]);
		}
		recordset_add_text(&rs, &r);
	}
	m = match_compile((const char *)data, plen, FIELD_ALL, MATCH_SMART,
	    &err);
	fuzz_last_load = m != NULL ? 0 : -1;
	if (m != NULL) {
		rc = match_filter(m, &rs, 0, rs.len, &whole, &err);
		ended_well(rc, &err);
		if (rc == 0) {
			check_slices(m, &rs, &whole);
			check_records(m, &rs, &whole);
		}
		match_free(m);
	}
	indices_free(&whole);
	recordset_done(&rs);
	return 0;
}
