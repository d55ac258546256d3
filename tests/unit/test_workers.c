/*
 * test_workers.c: items run on several threads and handed back in order
 * (workers.c).  What each work() and done() call saw is recorded in atomics
 * and checked on the test's thread after the run: an assertion must not
 * fire on a worker thread.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "helpers.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

/* A deadlock fails the test instead of hanging the suite. */
TestSuite(workers, .timeout = 10);

#define MAXN 256
#define NONE SIZE_MAX

/* What a run did, and how work() and done() behave in it. */
struct rec {
    size_t n, nworkers;
    /* behaviour */
    size_t stop_at;    /* done returns false for this item; NONE: never */
    long work_ms_step; /* work(i) sleeps (n - i) * step ms */
    long work_us;      /* and then this many µs */
    long done_us;      /* done(i) sleeps this many µs */
    /* what work() saw */
    atomic_size_t started;   /* work calls begun */
    atomic_size_t completed; /* work calls returned */
    atomic_size_t finish_seq;
    atomic_int work_calls[MAXN];
    atomic_size_t finished_as[MAXN]; /* i's place in the order work finished */
    atomic_bool worked[MAXN];
    atomic_bool busy[HUSH_MAX_WORKERS];
    atomic_int overlaps;   /* a worker index already busy when an item began */
    atomic_int bad_worker; /* a worker index >= nworkers */
    atomic_int too_far;    /* an item begun more than 2*nworkers past the consumer */
    atomic_int off_caller; /* work not on the calling thread (serial runs) */
    atomic_bool used[HUSH_MAX_WORKERS];
    pthread_t caller;
    /* what done() saw (on the calling thread) */
    atomic_size_t ndone;
    size_t order[MAXN];
    int done_before_work; /* done(i) before work(i) had returned */
    int done_not_on_caller;
    /* both, in the order they happened, for serial runs */
    atomic_size_t nevents;
    int events[2 * MAXN]; /* +i+1: work(i), -(i+1): done(i) */
};

static void
sleep_us(long us)
{
    if (us <= 0)
        return;
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static void
event(struct rec *r, int e)
{
    size_t k = atomic_fetch_add(&r->nevents, 1);
    if (k < 2 * MAXN)
        r->events[k] = e;
}

static void
work(void *ctx, size_t worker, size_t i)
{
    struct rec *r = ctx;
    atomic_fetch_add(&r->started, 1);
    if (!pthread_equal(pthread_self(), r->caller))
        atomic_fetch_add(&r->off_caller, 1);
    /* done() has been called ndone times, at least as many as the run has
     * seen return; on one thread, work(i) comes right after done(i - 1). */
    size_t threads = r->nworkers < r->n ? r->nworkers : r->n;
    if (i >= atomic_load(&r->ndone) + (threads > 1 ? 2 * threads : 1))
        atomic_fetch_add(&r->too_far, 1);
    /* Worker 0 is the calling thread's when the run is serial, even with
     * nworkers = 0. */
    if (worker >= (r->nworkers > 1 ? r->nworkers : 1) || worker >= HUSH_MAX_WORKERS) {
        atomic_fetch_add(&r->bad_worker, 1);
        worker = 0;
    }
    if (atomic_exchange(&r->busy[worker], true))
        atomic_fetch_add(&r->overlaps, 1);
    atomic_store(&r->used[worker], true);
    event(r, (int)i + 1);
    sleep_us(r->work_ms_step * 1000 * (long)(r->n - i) + r->work_us);
    if (i < MAXN) {
        atomic_fetch_add(&r->work_calls[i], 1);
        atomic_store(&r->finished_as[i], atomic_fetch_add(&r->finish_seq, 1));
        atomic_store(&r->worked[i], true);
    }
    atomic_store(&r->busy[worker], false);
    atomic_fetch_add(&r->completed, 1);
}

static bool
done(void *ctx, size_t i)
{
    struct rec *r = ctx;
    if (!pthread_equal(pthread_self(), r->caller))
        r->done_not_on_caller++;
    if (i >= MAXN || !atomic_load(&r->worked[i]))
        r->done_before_work++;
    event(r, -(int)i - 1);
    sleep_us(r->done_us);
    size_t k = atomic_load(&r->ndone);
    if (k < MAXN)
        r->order[k] = i;
    atomic_store(&r->ndone, k + 1);
    return i != r->stop_at;
}

static struct rec *
rec_new(size_t n, size_t nworkers)
{
    cr_assert_leq(n, MAXN);
    struct rec *r = calloc(1, sizeof *r);
    cr_assert_not_null(r);
    r->n = n;
    r->nworkers = nworkers;
    r->stop_at = NONE;
    r->caller = pthread_self();
    return r;
}

static void
run(struct rec *r)
{
    struct hush_work w = {r->n, r->nworkers, r, work, done};
    hush_work_run(&w);
    /* Nothing may still be running once the call has returned. */
    cr_assert_eq(atomic_load(&r->completed), atomic_load(&r->started),
                 "hush_work_run returned with %zu work calls still running",
                 atomic_load(&r->started) - atomic_load(&r->completed));
}

/* done was called once for each of items 0..count-1, in order, on the
 * calling thread, each after its work; and work ran once for each. */
static void
assert_all_in_order(struct rec *r, size_t count)
{
    cr_assert_eq(atomic_load(&r->ndone), count, "done called %zu times, expected %zu",
                 atomic_load(&r->ndone), count);
    for (size_t k = 0; k < count; k++)
        cr_assert_eq(r->order[k], k, "call %zu of done was for item %zu", k, r->order[k]);
    cr_assert_eq(r->done_before_work, 0, "done(i) came before work(i) had returned");
    cr_assert_eq(r->done_not_on_caller, 0, "done ran on a worker thread");
    for (size_t i = 0; i < count; i++)
        cr_assert_eq(atomic_load(&r->work_calls[i]), 1, "work ran %d times for item %zu",
                     atomic_load(&r->work_calls[i]), i);
    cr_assert_eq(atomic_load(&r->bad_worker), 0, "a worker index was nworkers or more");
    cr_assert_eq(atomic_load(&r->overlaps), 0, "one worker index ran two items at once");
}

/* ---- order ---------------------------------------------------------------- */

Test(workers, done_is_called_in_order_when_work_finishes_out_of_order)
{
    /* Item i sleeps (6 - i) * 10 ms: items 1..3 finish before item 0. */
    struct rec *r = rec_new(6, 4);
    r->work_ms_step = 10;
    run(r);
    assert_all_in_order(r, 6);
    cr_assert_gt(atomic_load(&r->finished_as[0]), atomic_load(&r->finished_as[3]),
                 "the test meant work to finish out of order, and it did not");
    free(r);
}

Test(workers, each_done_follows_its_own_work_with_many_items)
{
    /* Fast, uneven work and a consumer that keeps up. */
    struct rec *r = rec_new(200, 4);
    r->work_us = 50;
    run(r);
    assert_all_in_order(r, 200);
    free(r);
}

/* ---- stopping ------------------------------------------------------------- */

/* Stops at item k with nworkers workers; done is slow so that the workers
 * run as far ahead as they may. */
static void
check_stop(size_t n, size_t nworkers, size_t k)
{
    struct rec *r = rec_new(n, nworkers);
    r->stop_at = k;
    r->done_us = 1000;
    run(r);
    assert_all_in_order(r, k + 1);
    size_t threads = nworkers < n ? nworkers : n;
    size_t bound = k + 1 + 2 * (threads > 1 ? threads : 0);
    cr_assert_leq(atomic_load(&r->started), bound,
                  "%zu items started after a stop at %zu with %zu workers (at most %zu)",
                  atomic_load(&r->started), k, nworkers, bound);
    cr_assert_eq(atomic_load(&r->too_far), 0, "an item began more than 2*nworkers ahead");
    free(r);
}

Test(workers, a_stop_ends_the_run_and_nothing_more_is_handed_back)
{
    check_stop(100, 4, 5);
}

Test(workers, a_stop_at_the_first_item)
{
    check_stop(100, 3, 0);
}

Test(workers, a_stop_at_the_last_item)
{
    check_stop(20, 4, 19);
}

Test(workers, a_stop_on_one_worker_starts_nothing_more)
{
    check_stop(50, 1, 7);
}

Test(workers, a_stop_waits_for_the_items_being_worked_on)
{
    /* Slow work, fast consumer: at the stop the other workers are busy,
     * and run() checks that none is still running when the call returns. */
    struct rec *r = rec_new(50, 4);
    r->stop_at = 2;
    r->work_us = 5000;
    run(r);
    assert_all_in_order(r, 3);
    free(r);
}

Test(workers, workers_never_run_more_than_twice_their_number_ahead)
{
    /* Fast work, slow consumer: the window is full all the time. */
    struct rec *r = rec_new(60, 3);
    r->done_us = 500;
    run(r);
    assert_all_in_order(r, 60);
    cr_assert_eq(atomic_load(&r->too_far), 0, "an item began more than 2*nworkers ahead");
    free(r);
}

/* ---- one worker ----------------------------------------------------------- */

static void
check_serial(size_t nworkers)
{
    struct rec *r = rec_new(10, nworkers);
    run(r);
    assert_all_in_order(r, 10);
    cr_assert_eq(atomic_load(&r->off_caller), 0, "work ran off the calling thread");
    cr_assert_eq(atomic_load(&r->nevents), 20);
    for (int k = 0; k < 20; k++) {
        int want = k % 2 == 0 ? k / 2 + 1 : -(k / 2 + 1);
        cr_assert_eq(r->events[k], want, "event %d is %d, expected %d", k, r->events[k], want);
    }
    free(r);
}

Test(workers, one_worker_runs_each_item_then_its_done_on_the_calling_thread)
{
    check_serial(1);
}

Test(workers, no_workers_is_one_worker)
{
    check_serial(0);
}

/* ---- sizes ---------------------------------------------------------------- */

Test(workers, more_workers_than_items)
{
    struct rec *r = rec_new(3, HUSH_MAX_WORKERS);
    r->work_us = 2000;
    run(r);
    assert_all_in_order(r, 3);
    free(r);
}

Test(workers, one_item_on_several_workers)
{
    struct rec *r = rec_new(1, 4);
    run(r);
    assert_all_in_order(r, 1);
    free(r);
}

Test(workers, no_items_calls_nothing)
{
    size_t counts[] = {0, 1, 4, HUSH_MAX_WORKERS};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        struct rec *r = rec_new(0, counts[k]);
        run(r);
        cr_assert_eq(atomic_load(&r->started), 0, "work called with n = 0, %zu workers", counts[k]);
        cr_assert_eq(atomic_load(&r->ndone), 0, "done called with n = 0, %zu workers", counts[k]);
        free(r);
    }
}

/* ---- worker indices ------------------------------------------------------- */

Test(workers, a_worker_index_is_never_used_by_two_items_at_once)
{
    struct rec *r = rec_new(MAXN, 4);
    r->work_us = 200;
    run(r);
    assert_all_in_order(r, MAXN);
    size_t used = 0;
    for (size_t k = 0; k < HUSH_MAX_WORKERS; k++)
        used += atomic_load(&r->used[k]);
    cr_assert_gt(used, 1, "the test meant several workers to run, and only %zu did", used);
    free(r);
}

Test(workers, default_workers_is_the_usable_cpus_capped)
{
    cpu_set_t set;
    cr_assert_eq(sched_getaffinity(0, sizeof set, &set), 0);
    size_t cpus = (size_t)CPU_COUNT(&set);
    size_t want = cpus > HUSH_MAX_WORKERS ? HUSH_MAX_WORKERS : cpus;
    size_t got = hush_work_default_workers();
    cr_assert_eq(got, want, "%zu workers for %zu usable CPUs", got, cpus);
    cr_assert_geq(got, 1);
}

/* ---- -j ------------------------------------------------------------------- */

Test(workers, parse_jobs_takes_only_a_number_from_1_to_the_limit)
{
    size_t jobs = 7;
    cr_assert_eq(hush_work_parse_jobs("1", &jobs), HUSH_OK);
    cr_assert_eq(jobs, 1);
    cr_assert_eq(hush_work_parse_jobs("64", &jobs), HUSH_OK);
    cr_assert_eq(jobs, 64);
    const char *bad[] = {"0", "65", "", "x", "3x", "-1", "+2", " 2", "18446744073709551617"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jobs = 7;
        cr_assert_eq(hush_work_parse_jobs(bad[i], &jobs), HUSH_EUSAGE, "'%s' was taken", bad[i]);
        cr_assert_eq(jobs, 7, "'%s' changed the count", bad[i]);
    }
}
