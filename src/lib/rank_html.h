/* The ranking as one self-contained page (rank_html.c). */
#ifndef CF_RANK_HTML_H
#define CF_RANK_HTML_H

#include "rank_out.h"

void cf_rank_write_html(cf_ranking *rk, cf_rank_out *o);

#endif
