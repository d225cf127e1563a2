/* What every writer of a ranking shares: the output, flushed to the sink
 * as it fills, and how a result names its source. */
#include "rank_out.h"

void cf_rank_flush(cf_rank_out *o, int force)
{
    if (o->b.oom || (!force && o->b.len < 65536) || !o->b.len)
        return;
    if (!o->failed && o->sink(o->ctx, o->b.s, o->b.len))
        o->failed = 1;
    o->b.len = 0;
}

void cf_rank_source(cf_buf *b, const cf_rank_rec *r)
{
    cf_buf_puts(b, r->path);
    if (r->line) {
        cf_buf_putc(b, ':');
        cf_buf_uint(b, r->line);
    }
}

