# Runs jobs as make targets, two at a time with make -j2 (tests/run.sh,
# tools/fault.sh): each job's output goes to $(R)/JOB.log, its exit status
# to $(R)/JOB.rc and its seconds to $(R)/JOB.time.
# usage: make -f tests/run.mk -j2 R=DIR RUN='COMMAND' JOBS='JOB...'
#   (each job runs as COMMAND JOB)
.PHONY: all FORCE
all: $(JOBS:%=$(R)/%.rc)

$(R)/%.rc: FORCE
	@mkdir -p $(R); start=$$(date +%s); \
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $(RUN) $* >$(R)/$*.log 2>&1; echo $$? >$@; \
	echo $$(($$(date +%s) - start)) >$(R)/$*.time

FORCE:
