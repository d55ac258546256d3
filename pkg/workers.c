/*
 * workers.c: runs independent items (the documents of one run) on several
 * threads, and hands each result back on the calling thread in the order
 * of the items, so that output is written exactly as a single thread would
 * write it.
 *
 * Items are claimed in order.  A worker may run ahead of the consumer by at
 * most `ahead` items, which bounds the results held in memory.  When the
 * consumer says stop, no item is claimed after that; items already being
 * worked on are finished and never handed back.  If no thread can be
 * started, every item is run on the calling thread: slower, never wrong.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include "internal.h"

#include <pthread.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

struct pool {
    const struct hush_work *w;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an item finished, or the consumer moved on */
    size_t next;            /* the next item to claim */
    size_t consumed;        /* items handed back (or dropped) so far */
    size_t ahead;
    bool stop;
    bool *finished; /* per item */
};

struct worker {
    struct pool *p;
    size_t index; /* which worker: the state it passes to work() */
};

static void *
worker_main(void *arg)
{
    struct worker *wk = arg;
    struct pool *p = wk->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->next < p->w->n && p->next >= p->consumed + p->ahead)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop || p->next >= p->w->n)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        p->w->work(p->w->ctx, wk->index, i);
        pthread_mutex_lock(&p->lock);
        p->finished[i] = true;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Every item on the calling thread, in order. */
static void
run_serially(const struct hush_work *w)
{
    for (size_t i = 0; i < w->n; i++) {
        w->work(w->ctx, 0, i);
        if (!w->done(w->ctx, i))
            break;
    }
}

void
hush_work_run(const struct hush_work *w)
{
    size_t nthreads = w->nworkers < w->n ? w->nworkers : w->n;
    if (nthreads <= 1) {
        run_serially(w);
        return;
    }
    struct pool p = {.w = w, .ahead = 2 * nthreads};
    p.finished = hush_xcalloc(w->n, sizeof *p.finished);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    pthread_t *tids = hush_xcalloc(nthreads, sizeof *tids);
    struct worker *wks = hush_xcalloc(nthreads, sizeof *wks);
    size_t started = 0;
    for (; started < nthreads; started++) {
        wks[started] = (struct worker){&p, started};
        if (pthread_create(&tids[started], NULL, worker_main, &wks[started]) != 0)
            break;
    }
    if (started == 0) {
        run_serially(w);
    } else {
        pthread_mutex_lock(&p.lock);
        for (size_t i = 0; i < w->n && !p.stop; i++) {
            while (!p.finished[i])
                pthread_cond_wait(&p.changed, &p.lock);
            pthread_mutex_unlock(&p.lock);
            bool go_on = w->done(w->ctx, i);
            pthread_mutex_lock(&p.lock);
            p.consumed = i + 1;
            p.stop = !go_on;
            pthread_cond_broadcast(&p.changed);
        }
        p.stop = true;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.lock);
        for (size_t k = 0; k < started; k++)
            pthread_join(tids[k], NULL);
    }
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    free(wks);
    free(tids);
    free(p.finished);
}

size_t
hush_work_default_workers(void)
{
    cpu_set_t set;
    long n = 1;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        n = CPU_COUNT(&set);
    else
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > HUSH_MAX_WORKERS ? HUSH_MAX_WORKERS : (size_t)n;
}

int
hush_work_parse_jobs(const char *s, size_t *jobs)
{
    /* strtoul alone would take blanks, a sign and "0x". */
    if ((unsigned)(s[0] - '0') > 9u)
        return HUSH_EUSAGE;
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (errno || *end || n < 1 || n > HUSH_MAX_WORKERS)
        return HUSH_EUSAGE;
    *jobs = n;
    return HUSH_OK;
}
