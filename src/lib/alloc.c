/* The single allocation point of the library.  A test build can make the
 * N-th allocation fail (SQLite's approach) to prove that every failure is
 * handled.
 *
 * A thread can also enter an arena: while it is in one, every allocation
 * (cJSON's too) is carved from the arena's blocks and every free is a
 * no-op, and leaving the arena and resetting it releases everything at
 * once.  A batch scores each profile in an arena: parsing builds hundreds
 * of small nodes, and malloc and free were most of the work. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static unsigned long fail_at;     /* 0: never fail; set before threads start */
static _Atomic unsigned long count;
static int paused;                /* set before threads start */

static int should_fail(void)
{
    if (!fail_at || paused)
        return 0;
    return ++count >= fail_at;
}

#ifdef CF_FAULT_INJECTION
/* The allocations of the heap not yet freed (arena memory aside), so that
 * a fault loop sees a leak at the step that made it. */
static _Atomic long live;
#define LIVE(d) (live += (d))
#else
#define LIVE(d) ((void)0)
#endif

typedef struct block {
    struct block *next;
    char *end;                    /* one past the last usable byte */
    char *cur;                    /* next free byte */
} block;

struct cf_arena {
    block *blocks;                /* the newest first */
};

/* The arena this thread is in (active), and the one it last used, whose
 * memory a late free must not hand to free(). */
static _Thread_local cf_arena *active;
static _Thread_local cf_arena *owner;

#define ALIGN 16
#define HEADER ALIGN              /* the size of each allocation, for realloc */
#define FIRST_BLOCK (256u * 1024)

static int owns(const cf_arena *a, const void *p)
{
    for (const block *b = a ? a->blocks : NULL; b; b = b->next)
        if ((const char *)p > (const char *)b && (const char *)p < b->end)
            return 1;
    return 0;
}

static void *arena_alloc(cf_arena *a, size_t n)
{
    size_t need = HEADER + ((n + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    block *b = a->blocks;
    if (!b || (size_t)(b->end - b->cur) < need) {
        size_t size = b ? (size_t)(b->end - (char *)b) * 2 : FIRST_BLOCK;
        while (size < need + sizeof(block) + ALIGN)
            size *= 2;
        block *nb = malloc(size);
        if (!nb)
            return NULL;
        nb->next = a->blocks;
        nb->end = (char *)nb + size;
        nb->cur = (char *)(((uintptr_t)(nb + 1) + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
        a->blocks = b = nb;
    }
    char *p = b->cur;
    b->cur += need;
    *(size_t *)p = n;
    return p + HEADER;
}

int cf_arena_owns(const void *p)
{
    return p && owns(owner, p);
}

cf_arena *cf_arena_new(void)
{
    return cf_calloc(1, sizeof(cf_arena));
}

void cf_arena_enter(cf_arena *a)
{
    active = owner = a;
}

void cf_arena_leave(void)
{
    active = NULL;
}

cf_arena *cf_arena_current(void)
{
    return active;
}

void cf_arena_reset(cf_arena *a)
{
    /* keep the largest (newest) block for the next profile */
    block *keep = a->blocks;
    if (!keep)
        return;
    for (block *b = keep->next, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    keep->next = NULL;
    keep->cur = (char *)(((uintptr_t)(keep + 1) + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
    a->blocks = keep;
}

void cf_arena_free(cf_arena *a)
{
    if (!a)
        return;
    for (block *b = a->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    if (owner == a)
        owner = NULL;
    if (active == a)
        active = NULL;
    cf_free(a);
}

void cf_alloc_fail_after(unsigned long n)
{
    fail_at = n;
    count = 0;
}

void cf_alloc_fail_pause(int on)
{
    paused = on;
}

long cf_alloc_live(void)
{
#ifdef CF_FAULT_INJECTION
    return live;
#else
    return -1;
#endif
}

unsigned long cf_alloc_count(void)
{
    return count;
}

void *cf_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    if (active)
        return arena_alloc(active, n);
    void *p = malloc(n ? n : 1);
    if (p)
        LIVE(1);
    return p;
}

void *cf_calloc(size_t nmemb, size_t size)
{
    if (should_fail())
        return NULL;
    if (active) {
        if (size && nmemb > SIZE_MAX / size)
            return NULL;
        void *p = arena_alloc(active, nmemb * size);
        if (p)
            memset(p, 0, nmemb * size);
        return p;
    }
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (p)
        LIVE(1);
    return p;
}

void *cf_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / (size ? size : 1))
            return NULL;
        c *= 2;
    }
    void *q = cf_realloc(p, c * size);
    if (q)
        *cap = c;
    return q;
}

void *cf_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    if (p && owns(owner, p)) {
        /* arena memory moves to a new place (in the arena if still in it) */
        size_t old = *(size_t *)((char *)p - HEADER);
        void *q = active ? arena_alloc(active, n) : malloc(n ? n : 1);
        if (q && !active)
            LIVE(1);
        if (q)
            memcpy(q, p, old < n ? old : n);
        return q;
    }
    if (!p && active)
        return arena_alloc(active, n);
    void *q = realloc(p, n ? n : 1);
    if (q && !p)
        LIVE(1);
    return q;
}

char *cf_strndup(const char *s, size_t n)
{
    char *r = cf_malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

char *cf_strdup(const char *s)
{
    return cf_strndup(s, strlen(s));
}

void cf_free(void *p)
{
    if (p && owner && owns(owner, p))
        return;   /* released with the arena */
    if (p)
        LIVE(-1);
    free(p);
}
