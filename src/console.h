/*
 * console: the Linux virtual console around a kiosk.  On a virtual
 * console (not a terminal emulator, not SSH), the keyboard switches to
 * another console with Ctrl-Alt-F1...F12 and Alt-Left/Right whatever the
 * program on it does; with the privilege to (CAP_SYS_TTY_CONFIG),
 * console_lock_vt() turns that off for as long as the program runs.
 * Everywhere else it does nothing: a kiosk in a terminal window or on
 * another system is not a virtual console, and the kiosk runs the same.
 *
 * No curses: an ioctl on the terminal's file descriptor, before curses
 * starts.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>

/*
 * Lock console switching when fd is a Linux virtual console.  Returns 1
 * when it is locked (it is unlocked again at exit(3), and by
 * console_unlock_vt()), 0 when fd is no virtual console, or -1 when it is
 * one but the lock was refused, with why (for the operator's log) in
 * why.  The lock is the kernel's, for every console: the process must
 * take it off itself, so a kiosk killed by SIGKILL leaves it on until
 * the next kiosk on the console starts and ends.
 */
int	 console_lock_vt(int fd, char *why, size_t whysize);

/* Take the lock off again, if console_lock_vt() put it on. */
void	 console_unlock_vt(void);

#endif
