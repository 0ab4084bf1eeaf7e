/*
 * The peer for start-up time: the least a curses program does (initscr,
 * one line, one refresh) before it waits for a key.  make bench times the
 * first frame of sma-allies against this, measured the same way.
 */
#include <curses.h>
#include <locale.h>

int
main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	mvaddstr(LINES - 1, 0, "ready");
	refresh();
	getch();
	endwin();
	return 0;
}
