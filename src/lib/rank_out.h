/* What every writer of a ranking shares (rank_write.c, rank_html.c). */
#ifndef CF_RANK_OUT_H
#define CF_RANK_OUT_H

#include "rank.h"

/* Output: a buffer flushed to the sink as it fills. */
typedef struct cf_rank_out {
    cf_buf b;
    cf_sink sink;
    void *ctx;
    int failed;               /* the sink failed: the rest is dropped */
} cf_rank_out;

/* Writes the buffer to the sink when it holds 64 KiB or more, or when
 * force is set and it holds anything. */
void cf_rank_flush(cf_rank_out *o, int force);
/* A result's source: its file, and ":LINE" for a line of a stream. */
void cf_rank_source(cf_buf *b, const cf_rank_rec *r);

#endif
