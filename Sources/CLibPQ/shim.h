#ifndef PINGYI_CLIBPQ_SHIM_H
#define PINGYI_CLIBPQ_SHIM_H

#include <libpq-fe.h>
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>

// libpq's PG_DIAG_* field codes are character literals, which Swift does not import.
// Re-export the ones Pingyi reads as typed constants.
enum {
    PINGYI_DIAG_SEVERITY = PG_DIAG_SEVERITY_NONLOCALIZED,
    PINGYI_DIAG_SQLSTATE = PG_DIAG_SQLSTATE,
    PINGYI_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY,
    PINGYI_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL,
    PINGYI_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT,
    PINGYI_DIAG_SCHEMA_NAME = PG_DIAG_SCHEMA_NAME,
    PINGYI_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME,
    PINGYI_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME,
    PINGYI_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME
};

// Readiness of libpq's sockets (`SocketPoller`): one-shot epoll registrations, armed by the task
// that waits and fired on the poller's thread. `struct epoll_event` is packed on x86_64, so it
// stays on this side.

/// Arms `fd` for one readiness event (readable, or writable when `writable`), adding it to the
/// set the first time. Returns 0, or -1 with errno.
static inline int pingyi_poll_arm(int epfd, int fd, int writable) {
    struct epoll_event event;
    event.events = (writable ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT | EPOLLRDHUP;
    event.data.u64 = 0;
    event.data.fd = fd;
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &event) == 0) return 0;
    if (errno != ENOENT) return -1;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

/// Removes `fd` from the set (before libpq closes it). Returns 0, or -1 with errno.
static inline int pingyi_poll_forget(int epfd, int fd) {
    struct epoll_event event;
    event.events = 0;
    event.data.u64 = 0;
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &event);
}

/// Waits for readiness events; writes the ready descriptors to `fds`. Returns their number,
/// or -1 with errno.
static inline int pingyi_poll_wait(int epfd, int *fds, int capacity, int timeout) {
    struct epoll_event events[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epfd, events, capacity, timeout);
    for (int i = 0; i < count; i++) fds[i] = events[i].data.fd;
    return count;
}

#endif
