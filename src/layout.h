/*
 * layout: where the panes go for a terminal of a given size.  Plain
 * arithmetic, no curses, so every size can be tested: the panes tile the
 * screen, side by side on a wide terminal, stacked on a narrow one, one
 * at a time on a short one (the description in the list's place, when
 * it has the focus), and a notice below the minimum.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

struct rect {
	int	 y, x, h, w;
};

struct layout {
	int		 too_small;	/* draw the notice only */
	int		 stacked;	/* list above description */
	int		 list_only;	/* one pane at a time: detail == list */
	struct rect	 title;
	struct rect	 list;		/* header row included */
	struct rect	 detail;	/* header row included */
	struct rect	 sep;		/* the line between them */
	struct rect	 status;
};

#define UI_MIN_COLS	24
#define UI_MIN_ROWS	6
#define UI_WIDE_COLS	72	/* side by side from this width */
#define UI_STACK_ROWS	14	/* stacked panes need this many rows */
/* A kiosk's attract screen from this size; smaller, the list cycles. */
#define UI_SPOT_COLS	80
#define UI_SPOT_ROWS	24

/* Where the panes go at rows x cols. */
void	 layout_compute(int rows, int cols, struct layout *);

#endif
