/*
 * gen-allies: write a large, valid sma-allies data file for tests and
 * benchmarks.
 *
 *   gen-allies N [SEED]
 *
 * Writes to stdout a program mapping and N allies that read like the
 * real ones: names built from word lists (unique: a number is appended
 * when a name comes up again), abbreviations from the initials, https
 * addresses made from the name, descriptions of a few sentences (about
 * 520 bytes, with accented Latin letters, dashes and curly quotes, now
 * and then CJK text or an emoji) and two or three tags.
 *
 * The output depends only on N and SEED (default 1), and the first K
 * allies are the same for any N >= K.  The generator has its own PRNG
 * (splitmix64), not rand(), so every libc gives the same file.  Plain
 * C99 and libc only; output is buffered, so a million allies (about 700
 * MB) take a few seconds.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define OUT_SIZE	(1u << 20)	/* bytes buffered before a write */
#define REC_SIZE	4096		/* one ally's YAML, at most */
#define WRAP_COLS	78		/* description lines, at most */

/* Word lists.  None holds a character that needs quoting in plain YAML. */

static const char *const regions[] = {
	"Northern", "Southern", "Eastern", "Western", "Central", "Pacific",
	"Atlantic", "Midwest", "Mountain", "Gulf Coast", "Great Lakes",
	"Appalachian", "Southwest", "New England", "Northwest", "Coastal",
	"Delta", "Prairie", "Tri-State", "Bay Area",
};

static const char *const places[] = {
	"Albuquerque", "Atlanta", "Baltimore", "Boston", "Chicago",
	"Cleveland", "Denver", "Detroit", "El Paso", "Fresno", "Houston",
	"Jackson", "Memphis", "Miami", "Milwaukee", "Minneapolis",
	"New Orleans", "Oakland", "Philadelphia", "Phoenix", "Pittsburgh",
	"Portland", "Richmond", "Sacramento", "San Antonio", "Seattle",
	"Tucson", "Tulsa", "Alabama", "Alaska", "Arizona", "Arkansas",
	"California", "Colorado", "Georgia", "Hawaii", "Idaho", "Illinois",
	"Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Michigan",
	"Mississippi", "Montana", "Nebraska", "Nevada", "New Mexico",
	"North Carolina", "Ohio", "Oklahoma", "Oregon", "Tennessee", "Texas",
	"Utah", "Vermont", "Virginia", "Wisconsin", "Wyoming", "Puerto Rico",
	"Guam", "Montréal", "Québec", "San José", "Bogotá", "Querétaro",
	"Düsseldorf", "Zürich", "Malmö", "Kraków", "São Paulo",
};

static const char *const fields[] = {
	"Health", "Community Health", "Rural Health", "Public Health",
	"Nursing", "Medical", "Primary Care", "Family Medicine", "Dental",
	"Pharmacy", "Behavioral Health", "Maternal Health", "Global Health",
	"Health Equity", "Health Justice", "Social Medicine",
	"Population Health", "Indigenous Health", "Osteopathic",
	"Physician Assistant", "Health Workforce", "Midwifery",
	"Community Medicine", "Health Professions", "Social Mission",
	"Health Policy", "Telehealth", "Pediatric", "Geriatric",
};

static const char *const orgtypes[] = {
	"Alliance", "Institute", "Coalition", "Center", "Network",
	"Foundation", "Association", "Council", "Collaborative", "Society",
	"Partnership", "Consortium", "Initiative", "Academy", "Federation",
	"Project", "Fund", "Program", "Trust", "Forum",
};

static const char *const groups[] = {
	"Students", "Nurses", "Physicians", "Educators", "Residents",
	"Pharmacists", "Dentists", "Midwives", "Community Health Workers",
	"Deans", "Researchers", "Clinicians", "Leaders", "Scholars",
	"Volunteers", "Promotoras",
};

static const char *const adjectives[] = {
	"National", "American", "International", "United", "Regional",
	"Independent", "Open", "New", "Federated", "Unified",
};

static const char *const causes[] = {
	"Equity", "Health Equity", "Rural Medicine", "Social Justice",
	"Underserved Communities", "Health Access", "Community Service",
	"Diversity in Medicine", "Primary Care", "Children’s Health",
	"Women’s Health", "Healthy Aging", "Immigrant Health",
	"Environmental Health", "Health Literacy", "Service Learning",
};

static const char *const schools[] = {
	"School of Medicine", "College of Nursing", "School of Public Health",
	"College of Osteopathic Medicine", "School of Dentistry",
	"College of Pharmacy", "School of Nursing", "Medical School",
};

static const char *const small_words[] = {
	"of", "for", "the", "and", "in", "The",
};

static const char *const tags[] = {
	"primary care", "nursing", "health equity", "rural health",
	"medical education", "public health", "community health",
	"workforce diversity", "global health", "advocacy", "students",
	"research", "health policy", "pharmacy", "dentistry", "mental health",
	"social determinants", "anchor institutions", "partnerships",
	"service learning", "underserved communities", "indigenous health",
	"maternal health", "health justice", "telehealth", "physicians",
	"family medicine", "salud comunitaria", "équité en santé",
	"leadership", "pipeline programs", "community engagement",
	"interprofessional education", "Gesundheitsförderung",
};

/* Sentence templates for descriptions; see sentence() for the slots. */
static const char *const openers[] = {
	"The {N} ({A}) was founded in {Y} to {V} {C}.",
	"Founded in {Y}, the {N} brings together {G} who {V2} across {P}.",
	"Since {Y}, the {N} has worked to {V} {C} in {P} and beyond.",
	"The {N} is a {K} network of {n} {G} committed to {C}.",
	"Established in {Y} in {P}, the {N} ({A}) {V3} {C}.",
};

static const char *const middles[] = {
	"Its members lead {n} community programs every year, from mobile "
	    "clinics to school-based care.",
	"The {A} partners with clínicas comunitarias, schools and local "
	    "governments to {V} {C}.",
	"Through fellowships, mentoring and research grants, it supports "
	    "{G} who want to serve where the need is greatest.",
	"Its annual conference – held this year in {P} – draws more than "
	    "{n} participants.",
	"The organization’s work spans {F2}, {F3} and the training of "
	    "future {G}.",
	"Its {n} members include students, faculty, and practitioners from "
	    "{P}, {P2} and São Paulo.",
	"Programs run in English, Español and Français, with materials for "
	    "patients who speak Tiếng Việt or 한국어.",
	"The {A} publishes an open-access journal on {F2} and hosts a "
	    "monthly webinar series for {G}.",
	"Volunteers have logged more than {n} hours of service in "
	    "under-resourced neighborhoods since {Y}.",
	"Partner sites in {P} and {P2} offer rotations in community "
	    "settings – rural, urban and tribal.",
	"It offers training on cultural humility, language access and "
	    "trauma-informed care to {G}.",
	"Its leaders serve on state advisory boards on {F2} and workforce "
	    "planning.",
};

static const char *const rare[] = {
	"A sister program in Kyoto (地域医療 – community medicine) shares "
	    "its curricula.",
	"Its motto, “care without borders” 🌍, appears on every clinic "
	    "door.",
	"Students call the mobile clinic “la clínica rodante” 🚐.",
	"Its Zürich office coordinates exchanges with Universität Düsseldorf "
	    "and Łódź.",
};

static const char *const closers[] = {
	"The {A} believes that health is a right, not a privilege.",
	"Its vision is a health workforce that reflects – and serves – every "
	    "community.",
	"Together with its allies, it works toward a future where zip code "
	    "does not determine health.",
	"The {N} welcomes new members, partners and volunteers.",
	"Learn more about its programs, reports and events on its website.",
};

static const char *const verbs[] = {
	"advance", "promote", "strengthen", "expand", "champion", "support",
};

static const char *const verbs2[] = {
	"share a commitment to social mission",
	"work together on community-based care",
	"advocate for fair access to care",
	"teach, learn and serve side by side",
};

static const char *const verbs3[] = {
	"advocates for", "builds coalitions around", "trains leaders in",
	"funds research on", "organizes communities around",
};

static const char *const kinds[] = {
	"nationwide", "growing", "member-driven", "nonprofit", "volunteer-led",
	"cross-disciplinary",
};

static const char *const causes_lc[] = {
	"health equity",
	"primary care in rural areas",
	"diversity in the health professions",
	"community-based education",
	"care for underserved populations",
	"social accountability in medical education",
	"access to dental care",
	"the health of immigrant families",
	"maternal and child health",
};

static const char *const fields_lc[] = {
	"community health", "rural medicine", "public health",
	"nursing education", "health policy", "global health", "primary care",
	"behavioral health", "oral health", "health professions education",
};

/* splitmix64: small, fast and the same everywhere. */
static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z;

	z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static size_t
rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

#define PICK(list)	((list)[rng_below(NITEMS(list))])

/* Buffered output: whole records are appended, written 1 MiB at a time. */
static char	out_buf[OUT_SIZE];
static size_t	out_len;

static void
out_flush(void)
{
	if (out_len > 0 && fwrite(out_buf, 1, out_len, stdout) != out_len) {
		fprintf(stderr, "gen-allies: write error: %s\n",
		    strerror(errno));
		exit(1);
	}
	out_len = 0;
}

static void
out_add(const char *s, size_t len)
{
	if (OUT_SIZE - out_len < len)
		out_flush();
	if (len > OUT_SIZE) {
		if (fwrite(s, 1, len, stdout) != len) {
			fprintf(stderr, "gen-allies: write error\n");
			exit(1);
		}
		return;
	}
	memcpy(out_buf + out_len, s, len);
	out_len += len;
}

/* A bounded string builder for one record. */
struct str {
	char	 p[REC_SIZE];
	size_t	 len;
};

/* Append t, or as much of it as fits. */
static void
str_adds(struct str *s, const char *t)
{
	size_t n = strlen(t);

	if (n > sizeof(s->p) - 1 - s->len)
		n = sizeof(s->p) - 1 - s->len;
	memcpy(s->p + s->len, t, n);
	s->len += n;
	s->p[s->len] = '\0';
}

/* The hot path: most of the output goes through here a byte at a time. */
static void
str_addc(struct str *s, char c)
{
	if (s->len < sizeof(s->p) - 1) {
		s->p[s->len++] = c;
		s->p[s->len] = '\0';
	}
}

static void
str_addu(struct str *s, unsigned long n)
{
	char tmp[24];
	size_t i = sizeof(tmp) - 1;

	tmp[i] = '\0';
	do {
		tmp[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	str_adds(s, tmp + i);
}

static void
str_addw(struct str *s, const char *word)
{
	if (s->len > 0)
		str_addc(s, ' ');
	str_adds(s, word);
}

/*
 * The names given so far, as 64-bit hashes, each with the next number to
 * try when it comes up again.  Two names that collide only cost a
 * needless number; equal names always collide, so no duplicate gets
 * through.
 */
struct seen {
	uint64_t	 h;		/* 0: a free slot */
	unsigned long	 next;		/* the number to append next */
};

static struct seen *set_v;
static size_t	 set_mask;

static uint64_t
hash(const char *s, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return h | 1;
}

static void
set_init(size_t n)
{
	size_t size = 1024;

	while (size < 2 * n + 2)
		size *= 2;
	if ((set_v = calloc(size, sizeof(*set_v))) == NULL) {
		fprintf(stderr, "gen-allies: out of memory\n");
		exit(1);
	}
	set_mask = size - 1;
}

/* Add h.  Returns NULL when it is new, else its entry. */
static struct seen *
set_add(uint64_t h)
{
	size_t i;

	for (i = (size_t)(h ^ (h >> 29)) & set_mask; set_v[i].h != 0;
	    i = (i + 1) & set_mask)
		if (set_v[i].h == h)
			return &set_v[i];
	set_v[i].h = h;
	set_v[i].next = 2;
	return NULL;
}

/* The word lists a name is made of, each named by a capital letter. */
static const struct {
	char			 code;
	const char *const	*words;
	size_t			 n;
} name_lists[] = {
	{ 'A', adjectives, NITEMS(adjectives) },
	{ 'C', causes, NITEMS(causes) },
	{ 'F', fields, NITEMS(fields) },
	{ 'G', groups, NITEMS(groups) },
	{ 'P', places, NITEMS(places) },
	{ 'R', regions, NITEMS(regions) },
	{ 'T', orgtypes, NITEMS(orgtypes) },
};

/*
 * The kinds of name, as word slots one after another.  A slot of one
 * capital letter picks a word from that list (see name_lists); several
 * capitals pick one of those lists first; "?" before a slot makes it
 * there one time in two; anything else is a word as it is.  The kind
 * with no slots, a school of a university, is make_school()'s.
 */
static const char *const name_kinds[][6] = {
	{ "R", "F", "?G", "T" },
	{ "F", "?G", "T", "of", "P" },
	{ "P", "F", "?G", "T" },
	{ "RP", "T", "for", "C" },
	{ "The", "ARP", "F", "G", "T" },
	{ NULL },
	{ "AR", "G", "for", "C" },
	{ "P", "G", "in", "F", "T" },
};

static void
add_slot(struct str *name, const char *slot)
{
	size_t i;
	char code;

	if (slot[0] == '?') {
		if (rng_below(2) != 0)
			return;
		slot++;
	}
	if (strspn(slot, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(slot)) {
		str_addw(name, slot);
		return;
	}
	code = slot[1] == '\0' ? slot[0] : slot[rng_below(strlen(slot))];
	for (i = 0; name_lists[i].code != code; i++)
		;
	str_addw(name, name_lists[i].words[rng_below(name_lists[i].n)]);
}

/* "University of Ohio School of Nursing at Tulsa" and the like. */
static void
make_school(struct str *name)
{
	const char *w = PICK(places);

	if (rng_below(2) == 0) {
		str_addw(name, "University of");
		str_addw(name, w);
	} else {
		str_addw(name, w);
		str_addw(name, "State University");
	}
	str_addw(name, PICK(schools));
	if (rng_below(2) == 0) {
		str_addw(name, "at");
		str_addw(name, PICK(places));
	}
}

static void
make_name(struct str *name)
{
	/* Kinds of name, weighted by how many names each can make. */
	static const unsigned char kind[20] = {
		0, 0, 1, 1, 1, 2, 2, 2, 3, 4, 4, 4, 4, 5, 6, 7, 7, 7, 7, 7
	};
	const char *const *slot;
	size_t i;

	name->len = 0;
	name->p[0] = '\0';
	slot = name_kinds[kind[rng_below(sizeof(kind))]];
	if (slot[0] == NULL)
		make_school(name);
	for (i = 0; i < NITEMS(name_kinds[0]) && slot[i] != NULL; i++)
		add_slot(name, slot[i]);
}

/*
 * Make *name unique, appending " 2", " 3", ... when it was given before.
 * Returns the number appended, or 0.
 */
static unsigned long
make_unique(struct str *name)
{
	struct seen *first;
	size_t base = name->len;
	unsigned long k;

	if ((first = set_add(hash(name->p, name->len))) == NULL)
		return 0;
	for (k = first->next;; k++) {
		name->len = base;
		str_addc(name, ' ');
		str_addu(name, k);
		if (set_add(hash(name->p, name->len)) == NULL) {
			first->next = k + 1;
			return k;
		}
	}
}

static int
is_small_word(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < NITEMS(small_words); i++)
		if (strlen(small_words[i]) == len &&
		    memcmp(small_words[i], w, len) == 0)
			return 1;
	return 0;
}

/* Initials of the name's words that are not small words or numbers. */
static void
make_abbr(struct str *abbr, const char *name, unsigned long k)
{
	const char *w = name, *e;
	unsigned char c;

	abbr->len = 0;
	abbr->p[0] = '\0';
	while (*w != '\0') {
		while (*w == ' ')
			w++;
		for (e = w; *e != '\0' && *e != ' '; e++)
			;
		c = (unsigned char)*w;
		if (e > w && !is_small_word(w, (size_t)(e - w)) &&
		    !(c >= '0' && c <= '9')) {
			if (c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			if (c < 0x80)
				str_addc(abbr, (char)c);
		}
		/* "Tri-State", "Gulf Coast": each part counts. */
		for (; w < e; w++)
			if (*w == '-' && w + 1 < e && w[1] >= 'A' &&
			    w[1] <= 'Z')
				str_addc(abbr, w[1]);
		w = e;
	}
	if (k > 0) {
		str_addc(abbr, '-');
		str_addu(abbr, k);
	}
}

/* The ASCII letter an accented Latin letter (two UTF-8 bytes) stands on. */
static char
fold_latin(unsigned char c1, unsigned char c2)
{
	static const char lo[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
	unsigned cp = ((unsigned)(c1 & 0x1f) << 6) | (c2 & 0x3f);

	if (cp >= 0xc0 && cp <= 0xff)
		return lo[(cp - 0xc0) & 0x1f];
	if (cp == 0x141 || cp == 0x142)
		return 'l';
	return 0;
}

/* https://www.<slug>.org/ from the name: lower-case ASCII and dashes. */
static void
make_url(struct str *url, const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	int dash = 0;
	char c;

	url->len = 0;
	str_adds(url, "https://www.");
	for (; *p != '\0'; p++) {
		c = 0;
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p - 'A' + 'a');
		else if (*p >= 0xc0 && *p < 0xe0 && p[1] != '\0') {
			c = fold_latin(p[0], p[1]);
			p++;
		} else if (*p >= 0x80)
			continue;	/* other non-ASCII: dropped */
		if (c == 0 || c == '/') {
			dash = 1;
			continue;
		}
		if (dash && url->p[url->len - 1] != '.')
			str_addc(url, '-');
		dash = 0;
		str_addc(url, c);
	}
	str_adds(url, ".org/");
}

/* One sentence: the template with its {slots} filled. */
static void
sentence(struct str *s, const char *tpl, const char *name, const char *abbr)
{
	const char *p = tpl;

	for (; *p != '\0'; p++) {
		if (*p != '{') {
			str_addc(s, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'N':
			/* "the {N}" with a name that has its own "The". */
			if (strncmp(name, "The ", 4) == 0 && s->len >= 4 &&
			    (memcmp(s->p + s->len - 4, "the ", 4) == 0 ||
			    memcmp(s->p + s->len - 4, "The ", 4) == 0))
				str_adds(s, name + 4);
			else
				str_adds(s, name);
			break;
		case 'A':
			str_adds(s, abbr);
			break;
		case 'Y':
			str_addu(s, 1950 + rng_below(72));
			break;
		case 'n':
			str_addu(s, 20 + rng_below(4980));
			break;
		case 'V':
			if (p[1] == '2') {
				str_adds(s, PICK(verbs2));
				p++;
			} else if (p[1] == '3') {
				str_adds(s, PICK(verbs3));
				p++;
			} else
				str_adds(s, PICK(verbs));
			break;
		case 'C':
			str_adds(s, PICK(causes_lc));
			break;
		case 'G': {
			const char *g = PICK(groups);

			/* Inside a sentence a group is lower case. */
			for (; *g != '\0'; g++)
				str_addc(s, *g >= 'A' && *g <= 'Z' ?
				    (char)(*g - 'A' + 'a') : *g);
			break;
		}
		case 'P':
			if (p[1] == '2')
				p++;
			str_adds(s, PICK(places));
			break;
		case 'F':
			if (p[1] == '2' || p[1] == '3')
				p++;
			str_adds(s, PICK(fields_lc));
			break;
		case 'K':
			str_adds(s, PICK(kinds));
			break;
		default:
			break;
		}
		while (*p != '}' && *p != '\0')
			p++;
		if (*p == '\0')
			break;
	}
}

/* The description: 450 to 650 bytes of sentences, 520 or so on average. */
static void
make_description(struct str *d, const char *name, const char *abbr)
{
	const char *used[NITEMS(middles)];
	const char *m;
	size_t nused = 0, i;
	int again;

	d->len = 0;
	d->p[0] = '\0';
	sentence(d, PICK(openers), name, abbr);
	while (d->len < 400) {
		do {
			m = PICK(middles);
			for (again = 0, i = 0; i < nused; i++)
				if (used[i] == m)
					again = 1;
		} while (again);
		used[nused++] = m;
		str_addc(d, ' ');
		sentence(d, m, name, abbr);
		if (rng_below(10) == 0) {
			str_addc(d, ' ');
			str_adds(d, PICK(rare));
		}
	}
	str_addc(d, ' ');
	sentence(d, PICK(closers), name, abbr);
}

/*
 * Write text as a double-quoted YAML scalar folded at WRAP_COLS bytes:
 * inside double quotes a line break between words reads as one space.
 */
static void
put_quoted(struct str *o, const char *text, size_t indent, size_t col)
{
	const char *p = text, *sp, *e;
	size_t i;

	str_addc(o, '"');
	col++;
	while (*p != '\0') {
		/* The next word, with the spaces before it. */
		for (sp = p; *sp == ' '; sp++)
			;
		for (e = sp; *e != '\0' && *e != ' '; e++)
			;
		if (p != text && sp > p &&
		    col + (size_t)(e - p) > WRAP_COLS) {
			str_addc(o, '\n');
			for (i = 0; i < indent; i++)
				str_addc(o, ' ');
			col = indent;
			p = sp;
		}
		for (; p < e; p++) {
			if (*p == '"' || *p == '\\')
				str_addc(o, '\\');
			str_addc(o, *p);
			col++;
		}
	}
	str_addc(o, '"');
}

static void
put_program(unsigned long n, unsigned long seed)
{
	struct str o;

	o.len = 0;
	str_adds(&o, "# Generated by tests/bench/gen-allies.c: ");
	str_addu(&o, n);
	str_adds(&o, " allies, seed ");
	str_addu(&o, seed);
	str_adds(&o, ".  Every ally is invented.\n\n"
	    "program:\n"
	    "  name: Social Mission Alliance Allies Program\n"
	    "  summary: \"We acknowledge organizations that are aligned in "
	    "their vision of\n"
	    "    supporting health professions education in which social "
	    "mission is valued\n"
	    "    to drive health equity and improved health for "
	    "individuals, communities,\n"
	    "    and nations.\"\n"
	    "  benefits:\n"
	    "    - \"Endorse the mission, vision, and values of the Social "
	    "Mission Alliance\"\n"
	    "    - \"Are invited to attend Social Mission Alliance "
	    "Conferences\"\n"
	    "    - \"Receive public recognition as a Social Mission Alliance "
	    "Ally on SMA’s\n"
	    "      website\"\n"
	    "  term: \"Two (2) years, with review and renewal on a biennial "
	    "basis.\"\n"
	    "  url: https://socialmission.org/become-an-ally/\n"
	    "  become_ally_url: https://socialmission.org/become-an-ally/\n"
	    "\n"
	    "allies:");
	if (n == 0)
		str_adds(&o, " []");
	str_addc(&o, '\n');
	out_add(o.p, o.len);
}

static void
put_ally(void)
{
	static struct str name, abbr, url, desc, o;
	const char *t[3];
	size_t ntags, i, j;
	unsigned long k;

	make_name(&name);
	k = make_unique(&name);
	make_abbr(&abbr, name.p, k);
	make_url(&url, name.p);
	make_description(&desc, name.p, abbr.len > 0 ? abbr.p : name.p);

	o.len = 0;
	str_adds(&o, "\n  - name: ");
	str_adds(&o, name.p);
	/* Most allies have an abbreviation, as in the real directory. */
	if (rng_below(100) < 85 && abbr.len > 1) {
		str_adds(&o, "\n    abbreviation: ");
		str_adds(&o, abbr.p);
	}
	str_adds(&o, "\n    url: ");
	str_adds(&o, url.p);
	str_adds(&o, "\n    description: ");
	put_quoted(&o, desc.p, 6, 17);
	ntags = 2 + rng_below(2);
	for (i = 0; i < ntags; i++) {
		do {
			t[i] = PICK(tags);
			for (j = 0; j < i && t[j] != t[i]; j++)
				;
		} while (j < i);
	}
	str_adds(&o, "\n    tags: [");
	for (i = 0; i < ntags; i++) {
		if (i > 0)
			str_adds(&o, ", ");
		str_adds(&o, t[i]);
	}
	str_adds(&o, "]\n");
	out_add(o.p, o.len);
}

static unsigned long
number(const char *s, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    v > 100000000ULL) {
		fprintf(stderr, "gen-allies: %s must be a number from 0 to "
		    "100000000, not \"%s\"\n", what, s);
		exit(2);
	}
	return (unsigned long)v;
}

int
main(int argc, char *argv[])
{
	unsigned long n, seed = 1, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen-allies N [SEED]\n");
		return 2;
	}
	n = number(argv[1], "N");
	if (argc == 3)
		seed = number(argv[2], "SEED");
	rng_state = UINT64_C(0x5eed5eed5eed5eed) ^ (uint64_t)seed *
	    UINT64_C(0x9e3779b97f4a7c15);
	set_init(n);

	put_program(n, seed);
	for (i = 0; i < n; i++)
		put_ally();
	out_flush();
	free(set_v);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen-allies: write error\n");
		return 1;
	}
	return 0;
}
