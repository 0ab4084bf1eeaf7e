/*
 * Unit tests for topics.c and the topic filter where the list and the
 * app use it: the tags counted over the seed data (each count checked
 * against the records themselves, the order most allies first, then by
 * name), one topic however a tag is cased, composed or repeated, the
 * closest tags for a slip, the grid's geometry (cells, gaps, columns,
 * rows that fit) and its moves, and a topic with a search inside it,
 * small and over a recordset large enough to be scanned in slices.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "listview.h"
#include "load.h"
#include "match.h"
#include "record.h"
#include "text.h"
#include "topics.h"
#include "util.h"
#include "unit/fixture.h"

#define SEED	"data/allies.yaml"

static void
load_yaml(struct recordset *rs, const char *yaml)
{
	assert_int_equal(fixture_load(rs, yaml), 0);
}

static void
load_seed(struct recordset *rs)
{
	struct errlist e;

	recordset_init(rs);
	errlist_init(&e);
	assert_int_equal(load_file(SEED, rs, &e), 0);
	errlist_done(&e);
	assert_int_equal(rs->len, 12);
}

/* How many allies of rs have tag (ASCII, any case), counted here. */
static size_t
carriers(const struct recordset *rs, const char *tag)
{
	size_t i, j, n = 0;

	for (i = 0; i < rs->len; i++)
		for (j = 0; j < rs->v[i].ntags; j++)
			if (strcasecmp(rs->v[i].tags[j], tag) == 0) {
				n++;
				break;
			}
	return n;
}

static void
test_count_seed(void **state)
{
	struct recordset rs;
	struct topics t;
	size_t i, j, distinct = 0;

	(void)state;
	load_seed(&rs);
	topics_init(&t);
	topics_count(&t, &rs);
	/* Every tag of every ally is one topic, and no topic is made up. */
	for (i = 0; i < rs.len; i++)
		for (j = 0; j < rs.v[i].ntags; j++) {
			assert_int_not_equal(topics_find(&t, rs.v[i].tags[j]),
			    (size_t)-1);
		}
	for (i = 0; i < t.len; i++) {
		assert_int_equal(t.v[i].count, carriers(&rs, t.v[i].name));
		distinct++;
	}
	assert_int_equal(distinct, 26);
	assert_int_equal(t.len, 26);
	assert_int_equal(t.allies, 12);
	/* Most allies first, then by name. */
	for (i = 1; i < t.len; i++)
		assert_true(t.v[i - 1].count > t.v[i].count ||
		    (t.v[i - 1].count == t.v[i].count &&
		    strcmp(t.v[i - 1].name, t.v[i].name) < 0));
	assert_string_equal(t.v[0].name, "leadership");
	assert_int_equal(t.v[0].count, 3);
	assert_string_equal(t.v[1].name, "community health");
	assert_string_equal(t.v[t.len - 1].name, "team development");
	/* The widest cell: "community development 1", 23 columns. */
	assert_int_equal(t.widest, strlen("community development") + 2);
	for (i = 0; i < t.len; i++)
		assert_true(strlen(t.v[i].name) + 2 <= t.widest);
	topics_done(&t);
	recordset_done(&rs);
}

static const char odd_tags[] =
    "allies:\n"
    "  - name: One\n    url: https://one.example/\n"
    "    description: d\n"
    "    tags: [Nursing, nursing, NURSING, \"Stra\\u00dfe\", \"\"]\n"
    "  - name: Two\n    url: https://two.example/\n"
    "    description: d\n"
    "    tags: [nursing, STRASSE, \"\\u00e9cole\", \"\\u00c9COLE\"]\n"
    "  - name: Three\n    url: https://three.example/\n"
    "    description: d\n"
    "    tags: [\"e\\u0301cole\", students]\n"
    "  - name: Four\n    url: https://four.example/\n"
    "    description: d\n";

static void
test_count_one_topic_per_tag(void **state)
{
	struct recordset rs;
	struct topics t;
	size_t i;

	(void)state;
	load_yaml(&rs, odd_tags);
	topics_init(&t);
	topics_count(&t, &rs);
	/* nursing, straße, école and students; the empty tag is none. */
	assert_int_equal(t.len, 4);
	i = topics_find(&t, "NuRsInG");
	assert_int_not_equal(i, (size_t)-1);
	assert_string_equal(t.v[i].name, "Nursing");	/* first spelling */
	assert_int_equal(t.v[i].count, 2);		/* listed 4 times */
	i = topics_find(&t, "strasse");
	assert_int_not_equal(i, (size_t)-1);
	assert_string_equal(t.v[i].name, "Stra\xc3\x9f" "e");
	assert_int_equal(t.v[i].count, 2);
	/* Precomposed, combining and upper case: one topic. */
	i = topics_find(&t, "\xc3\xa9" "cole");
	assert_int_not_equal(i, (size_t)-1);
	assert_int_equal(t.v[i].count, 2);
	assert_int_equal(topics_find(&t, "E\xcc\x81" "COLE"), i);
	assert_int_equal(topics_find(&t, ""), (size_t)-1);
	assert_int_equal(topics_find(&t, "nurse"), (size_t)-1);
	assert_int_equal(t.v[t.len - 1].count, 1);
	assert_string_equal(t.v[t.len - 1].name, "students");
	topics_done(&t);
	recordset_done(&rs);
}

static void
test_filter(void **state)
{
	struct recordset rs;
	struct topic_filter f;

	(void)state;
	load_yaml(&rs, odd_tags);
	topic_filter_init(&f);
	/* No topic: every ally passes, the one without tags too. */
	assert_true(topic_filter_test(&f, &rs.v[3]));
	topic_filter_add(&f, "NURSING");
	assert_true(topic_filter_test(&f, &rs.v[0]));
	assert_true(topic_filter_test(&f, &rs.v[1]));
	assert_false(topic_filter_test(&f, &rs.v[2]));
	assert_false(topic_filter_test(&f, &rs.v[3]));
	/* Two topics: an ally must carry both. */
	topic_filter_add(&f, "\xc3\x89" "cole");
	assert_false(topic_filter_test(&f, &rs.v[0]));
	assert_true(topic_filter_test(&f, &rs.v[1]));
	assert_false(topic_filter_test(&f, &rs.v[2]));
	assert_string_equal(f.names[1], "\xc3\x89" "cole");
	topic_filter_clear(&f);
	assert_int_equal(f.len, 0);
	assert_true(topic_filter_test(&f, &rs.v[2]));
	/* "e" and a combining accent is the "\u00e9" of the topic. */
	topic_filter_add(&f, "\xc3\xa9" "cole");
	assert_true(topic_filter_test(&f, &rs.v[2]));
	assert_false(topic_filter_test(&f, &rs.v[0]));
	topic_filter_clear(&f);
	topic_filter_add(&f, "STRASSE");
	assert_true(topic_filter_test(&f, &rs.v[0]));	/* "Stra\u00dfe" */
	topic_filter_done(&f);
	recordset_done(&rs);
}

static void
test_closest(void **state)
{
	struct recordset rs;
	struct topics t;
	size_t near[3], n;

	(void)state;
	load_seed(&rs);
	topics_init(&t);
	topics_count(&t, &rs);
	n = topics_closest(&t, "nurse", near, 3);
	assert_int_equal(n, 1);
	assert_string_equal(t.v[near[0]].name, "nursing");
	n = topics_closest(&t, "Comunity Helth", near, 3);
	assert_true(n >= 1);
	assert_string_equal(t.v[near[0]].name, "community health");
	/* Held whole in three tags: the most allies first. */
	n = topics_closest(&t, "health", near, 3);
	assert_int_equal(n, 3);
	assert_string_equal(t.v[near[0]].name, "community health");
	assert_string_equal(t.v[near[1]].name, "global health");
	assert_string_equal(t.v[near[2]].name, "health system");
	assert_int_equal(topics_closest(&t, "xyzzy", near, 3), 0);
	assert_int_equal(topics_closest(&t, "", near, 3), 0);
	assert_int_equal(topics_closest(&t, "nursing", near, 0), 0);
	topics_done(&t);
	recordset_done(&rs);
}

/* n topics named "topic-NN", each on one ally. */
static void
load_many(struct recordset *rs, size_t n)
{
	struct buf y = { 0 };
	size_t i;

	buf_adds(&y, "allies:\n");
	for (i = 0; i < n; i++)
		buf_addf(&y, "  - name: A%zu\n    url: https://a.example/\n"
		    "    description: d\n    tags: [topic-%02zu]\n", i, i);
	load_yaml(rs, y.ptr);
	buf_free(&y);
}

static void
test_grid_geometry(void **state)
{
	struct recordset rs;
	struct topics t;
	const struct topics_grid *g = &t.grid;
	int c, x, y, pitch;

	(void)state;
	load_many(&rs, 39);		/* 40 cells with "All topics" */
	topics_init(&t);
	topics_count(&t, &rs);
	/* "All topics 39" is the widest: 13 columns, 15 with padding. */
	assert_int_equal(t.widest, 13);
	topics_resize(&t, 80, 10);
	assert_int_equal(g->cell, 15);
	assert_int_equal(g->gap, 2);
	assert_int_equal(g->x0, 2);
	assert_int_equal(g->y0, 2);
	/* 76 columns inside the margins: 4 cells of 15 and their gaps. */
	assert_int_equal(g->cols, 4);
	assert_true(g->x0 + g->cols * g->cell + (g->cols - 1) * g->gap <= 78);
	assert_int_equal(g->rows, 10);
	assert_int_equal(g->shown, 8);
	pitch = g->cell + g->gap;
	/* Each cell's first and last column; the gaps and margins none. */
	for (y = 0; y < 10; y++)
		for (c = 0; c < 4; c++) {
			x = g->x0 + c * pitch;
			if (y < 2) {
				assert_int_equal(topics_cell_at(&t, y, x), -1);
				continue;
			}
			assert_int_equal(topics_cell_at(&t, y, x),
			    (y - 2) * 4 + c);
			assert_int_equal(topics_cell_at(&t, y, x + 14),
			    (y - 2) * 4 + c);
			assert_int_equal(topics_cell_at(&t, y, x + 15), -1);
			assert_int_equal(topics_cell_at(&t, y, x + 16), -1);
		}
	assert_int_equal(topics_cell_at(&t, 5, 0), -1);
	assert_int_equal(topics_cell_at(&t, 5, 1), -1);
	assert_int_equal(topics_cell_at(&t, 5, 79), -1);
	assert_int_equal(topics_cell_at(&t, 10, 2), -1);

	/* Wider: as many columns as fit, never one too many. */
	topics_resize(&t, 120, 10);
	assert_int_equal(g->cols, (116 + 2) / 17);
	assert_int_equal(g->rows, (40 + g->cols - 1) / (size_t)g->cols);
	/* The last row is short: past its last cell, nothing. */
	topics_resize(&t, 80, 40);
	assert_int_equal(g->rows, 10);
	assert_int_equal(g->shown, 38);
	recordset_done(&rs);
	load_many(&rs, 37);		/* 38 cells: the last row has two */
	topics_count(&t, &rs);
	assert_int_equal(topics_cell_at(&t, 2 + 9, 2 + 1 * 17), 37);
	assert_int_equal(topics_cell_at(&t, 2 + 9, 2 + 2 * 17), -1);
	recordset_done(&rs);

	/* Narrower than a cell: one column, the cell clipped to fit. */
	topics_resize(&t, 12, 10);
	assert_int_equal(g->cols, 1);
	assert_int_equal(g->cell, 8);
	assert_int_equal(topics_cell_at(&t, 2, 2), 0);
	assert_int_equal(topics_cell_at(&t, 3, 9), 1);
	assert_int_equal(topics_cell_at(&t, 3, 10), -1);
	topics_done(&t);
}

static void
test_grid_moves(void **state)
{
	static const struct {
		enum action	 act;
		size_t		 cur, top;
	} steps[] = {
		{ ACT_RIGHT, 1, 0 }, { ACT_LEFT, 0, 0 }, { ACT_LEFT, 0, 0 },
		{ ACT_DOWN, 4, 0 }, { ACT_UP, 0, 0 }, { ACT_UP, 0, 0 },
		{ ACT_PAGE_DOWN, 16, 1 }, { ACT_LAST, 39, 6 },
		{ ACT_DOWN, 39, 6 }, { ACT_RIGHT, 39, 6 },
		{ ACT_PAGE_UP, 23, 5 }, { ACT_FIRST, 0, 0 },
		{ ACT_RIGHT, 1, 0 }, { ACT_WHEEL_DOWN, 13, 3 },
		{ ACT_WHEEL_UP, 13, 0 },
	};
	struct recordset rs;
	struct topics t;
	size_t i;

	(void)state;
	load_many(&rs, 39);
	topics_init(&t);
	topics_open(&t, &rs, NULL);
	topics_resize(&t, 80, 6);	/* 4 columns, 4 rows shown of 10 */
	/*
	 * Each key, and where the cursor and the first row are after it.
	 * A page is the rows shown; the first row follows the cursor; the
	 * wheel scrolls three rows, the cursor kept in view in its column.
	 */
	for (i = 0; i < nitems(steps); i++) {
		assert_int_equal(topics_act(&t, steps[i].act), TOPICS_STAY);
		if (t.cur != steps[i].cur || t.top != steps[i].top)
			fail_msg("step %zu: cursor %zu, top %zu; want %zu, %zu",
			    i, t.cur, t.top, steps[i].cur, steps[i].top);
	}
	topics_scroll(&t, 100);
	assert_int_equal(t.top, 6);
	assert_int_equal(t.cur, 25);
	topics_scroll(&t, -100);
	assert_int_equal(t.top, 0);
	assert_int_equal(t.cur, 13);
	/* A smaller page keeps the cursor on screen. */
	topics_resize(&t, 80, 3);
	assert_int_equal(t.grid.shown, 1);
	assert_int_equal(t.top, 3);
	topics_point(&t, 1000);
	assert_int_equal(t.cur, 39);

	assert_int_equal(topics_act(&t, ACT_TOPIC_CHOOSE), TOPICS_CHOSEN);
	assert_int_equal(topics_act(&t, ACT_CLOSE), TOPICS_CLOSED);
	assert_int_equal(topics_act(&t, ACT_TOPICS), TOPICS_CLOSED);
	assert_int_equal(topics_act(&t, ACT_SEARCH), TOPICS_PASS);
	assert_null(topics_cell_name(&t, 0));
	assert_string_equal(topics_cell_name(&t, 1), t.v[0].name);
	assert_null(topics_cell_name(&t, 40));

	/* Opened on a topic: the cursor is on it. */
	topics_resize(&t, 80, 6);
	topics_open(&t, &rs, "TOPIC-17");
	assert_string_equal(topics_cell_name(&t, t.cur), "topic-17");
	topics_done(&t);
	recordset_done(&rs);
}

/* The names of a view's rows, joined by commas. */
static const char *
rows_of(const struct listview *v, const struct recordset *rs, struct buf *b)
{
	size_t i;

	buf_reset(b);
	buf_adds(b, "");
	for (i = 0; i < v->rows.len; i++)
		buf_addf(b, "%s%s", i ? "," : "",
		    rs->v[v->rows.v[i]].text[FIELD_NAME]);
	return b->ptr;
}

static void
test_listview_topic(void **state)
{
	struct recordset rs;
	struct listview v;
	struct match_error err;
	struct matcher *m;
	struct buf b = { 0 };
	const char *nursing = "NURSING";

	(void)state;
	load_yaml(&rs, odd_tags);
	listview_init(&v, &rs);
	listview_refresh(&v, &rs, 0);
	listview_topic(&v, &rs, &nursing, 1);
	assert_string_equal(rows_of(&v, &rs, &b), "One,Two");
	assert_int_equal(v.topic_total, 2);
	/* A search filters inside the topic. */
	m = match_compile("two", 3, FIELD_ALL, MATCH_SMART, &err);
	assert_non_null(m);
	assert_int_equal(listview_filter(&v, &rs, m, "two", 3, &err), 0);
	assert_string_equal(rows_of(&v, &rs, &b), "Two");
	/* The topic goes; the search stays. */
	listview_topic(&v, &rs, NULL, 0);
	assert_string_equal(rows_of(&v, &rs, &b), "Two");
	assert_int_equal(v.topic_total, 4);
	listview_filter(&v, &rs, NULL, "", 0, &err);
	assert_string_equal(rows_of(&v, &rs, &b), "One,Two,Three,Four");
	listview_done(&v);
	recordset_done(&rs);
	buf_free(&b);
}

/* Over LISTVIEW_SYNC_RECORDS a search is scanned in slices: inside a topic too. */
static void
test_listview_topic_scan(void **state)
{
	struct recordset rs;
	struct listview v;
	struct match_error err;
	struct matcher *m;
	struct buf y = { 0 };
	size_t i, n = LISTVIEW_SYNC_RECORDS + 5000, want = 0;
	const char *odd = "odd";
	int rc;

	(void)state;
	buf_adds(&y, "allies:\n");
	for (i = 0; i < n; i++)
		buf_addf(&y, "  - name: A%zu%s\n    url: https://a.example/\n"
		    "    description: d\n    tags: [%s]\n", i,
		    i % 3 == 0 ? " three" : "", i % 2 ? "odd" : "even");
	for (i = 0; i < n; i++)
		want += i % 2 == 1 && i % 3 == 0;
	load_yaml(&rs, y.ptr);
	buf_free(&y);
	listview_init(&v, &rs);
	listview_refresh(&v, &rs, 0);
	listview_topic(&v, &rs, &odd, 1);
	assert_int_equal(v.rows.len, n / 2);
	assert_int_equal(v.topic_total, n / 2);
	m = match_compile("three", 5, FIELD_ALL, MATCH_SMART, &err);
	assert_non_null(m);
	assert_int_equal(listview_filter(&v, &rs, m, "three", 5, &err), 0);
	assert_true(v.scanning);
	while ((rc = listview_step(&v, &rs, 4096, &err)) == 1)
		;
	assert_int_equal(rc, 0);
	assert_int_equal(v.rows.len, want);
	for (i = 0; i < v.rows.len; i++)
		assert_true(v.rows.v[i] % 6 == 3);
	listview_done(&v);
	recordset_done(&rs);
}

/* The app: the screen opened by its key, a cell chosen, Esc, the reset. */
static void
test_app_topics(void **state)
{
	struct recordset rs;
	struct app_options opt;
	struct app a;
	struct app_layout l;

	(void)state;
	load_seed(&rs);
	memset(&opt, 0, sizeof(opt));
	opt.idle = 90;
	opt.cycle = 8;
	opt.kiosk = 1;
	app_init(&a, &opt, &rs);
	memset(&l, 0, sizeof(l));
	l.list_rows = 10;
	l.detail_rows = 10;
	l.page_rows = 22;
	l.page_cols = 80;
	app_layout(&a, &l);
	app_key(&a, K_F2, 0);	/* a kiosk's t types */
	assert_int_equal(a.overlay, OVERLAY_TOPICS);
	assert_int_equal(app_mode(&a), KM_TOPICS);
	assert_int_equal(a.topics.len, 26);
	app_key(&a, K_RIGHT, 0);	/* leadership, the first topic */
	assert_int_equal(a.topics.cur, 1);
	app_key(&a, '\r', 0);
	assert_int_equal(a.overlay, OVERLAY_NONE);
	assert_int_equal(a.view.rows.len, 3);
	assert_int_equal(a.view.topic.len, 1);
	assert_string_equal(a.view.topic.names[0], "leadership");
	/* Opened again: on the topic shown; "All topics" clears it. */
	app_key(&a, K_F2, 0);
	assert_int_equal(a.topics.cur, 1);
	app_key(&a, K_HOME, 0);
	app_key(&a, K_ENTER, 0);
	assert_int_equal(a.view.topic.len, 0);
	assert_int_equal(a.view.rows.len, 12);
	/* A tap on a cell chooses it; Esc on the list leaves it. */
	app_key(&a, K_F2, 0);
	app_point(&a, MOUSE_CLICK, REGION_TOPIC, 2, 0);
	assert_int_equal(a.overlay, OVERLAY_NONE);
	assert_string_equal(a.view.topic.names[0], "community health");
	assert_int_equal(a.view.rows.len, 2);
	app_key(&a, K_ESC, 0);
	assert_int_equal(a.view.topic.len, 0);
	/* The idle reset closes the screen and clears the topic. */
	app_set_topic(&a, "students");
	app_key(&a, K_F2, 0);
	app_do(&a, ACT_KIOSK_RESET);
	assert_int_equal(a.overlay, OVERLAY_NONE);
	assert_int_equal(a.view.topic.len, 0);
	assert_int_equal(a.view.rows.len, 12);
	app_done(&a);
	recordset_done(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_seed),
		cmocka_unit_test(test_count_one_topic_per_tag),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_closest),
		cmocka_unit_test(test_grid_geometry),
		cmocka_unit_test(test_grid_moves),
		cmocka_unit_test(test_listview_topic),
		cmocka_unit_test(test_listview_topic_scan),
		cmocka_unit_test(test_app_topics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
