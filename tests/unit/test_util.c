/*
 * test_util: counts written as people read them, in three locales.  The
 * locales are built for the tests (LOCPATH, see the Makefile), so that
 * they do not depend on what the machine has generated.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

static void
check_counts(const char *locale, const char *const *want)
{
	static const size_t n[] = {
		0, 7, 999, 1000, 12345, 980371, 1000000, SIZE_MAX
	};
	char out[UTIL_COUNT_MAX];
	size_t i;

	assert_non_null(setlocale(LC_NUMERIC, locale));
	for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		assert_string_equal(util_count(out, n[i]), want[i]);
	setlocale(LC_NUMERIC, "C");
}

static void
test_count_c(void **state)
{
	static const char *const want[] = {
		"0", "7", "999", "1000", "12345", "980371", "1000000",
		"18446744073709551615"
	};

	(void)state;
	check_counts("C", want);
}

static void
test_count_en(void **state)
{
	static const char *const want[] = {
		"0", "7", "999", "1,000", "12,345", "980,371", "1,000,000",
		"18,446,744,073,709,551,615"
	};

	(void)state;
	check_counts("en_US.UTF-8", want);
}

static void
test_count_de(void **state)
{
	static const char *const want[] = {
		"0", "7", "999", "1.000", "12.345", "980.371", "1.000.000",
		"18.446.744.073.709.551.615"
	};

	(void)state;
	check_counts("de_DE.UTF-8", want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_c),
		cmocka_unit_test(test_count_en),
		cmocka_unit_test(test_count_de),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
