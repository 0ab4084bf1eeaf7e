/*
 * console: locking the Linux console's switching.  See console.h.
 */
#include "console.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __linux__
#include <sys/ioctl.h>

#include <linux/vt.h>
#endif

#ifdef __linux__
/*
 * The console whose switching is locked, or -1.  File-level because the
 * exit(3) handler that unlocks it takes no argument, and die() leaves
 * through exit(3) as well: a kiosk that ends for any reason but SIGKILL
 * hands the console back.
 */
static int locked_fd = -1;

void
console_unlock_vt(void)
{
	if (locked_fd >= 0)
		ioctl(locked_fd, VT_UNLOCKSWITCH, 0);
	locked_fd = -1;
}

int
console_lock_vt(int fd, char *why, size_t whysize)
{
	static int registered;
	struct vt_stat vs;

	/* Only a virtual console answers VT_GETSTATE. */
	if (ioctl(fd, VT_GETSTATE, &vs) < 0)
		return 0;
	if (ioctl(fd, VT_LOCKSWITCH, 0) < 0) {
		snprintf(why, whysize, "console switching stays on: %s%s",
		    strerror(errno), errno == EPERM ? " (the kiosk needs "
		    "CAP_SYS_TTY_CONFIG to lock it)" : "");
		return -1;
	}
	locked_fd = fd;
	if (!registered && atexit(console_unlock_vt) == 0)
		registered = 1;
	return 1;
}
#else
void
console_unlock_vt(void)
{
}

int
console_lock_vt(int fd, char *why, size_t whysize)
{
	(void)fd;
	(void)why;
	(void)whysize;
	return 0;
}
#endif
