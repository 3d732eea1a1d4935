# The performance budgets, in one place (issue 17); sourced by the benchmarks.
# shellcheck disable=SC2034
# Each is measured on the large demo county (demo --size large --seed 7),
# but the demo's own build times (tests/bench/demo.sh), of both sizes.
BUDGET_DEMO_SMALL_S=3       # wangge demo (small, seed 7) built, wall seconds (issue 22)
BUDGET_DEMO_LARGE_S=60      # wangge demo --size large --seed 7 built, wall seconds
BUDGET_FIRST_MS=50          # first full screen, warm page cache, median
BUDGET_FIRST_MINSTR=25      # the same, millions of instructions (callgrind)
BUDGET_FIRST_MB=20          # the same, peak memory (max RSS)
BUDGET_COLD_MS=300          # first full screen, cold page cache
BUDGET_COLD_READ_MB=20      # the same, bytes read from the disk
BUDGET_KEY_MS=30            # every key, handled and drawn
BUDGET_SEARCH_MS=50         # each search keystroke's result
# The search keystrokes that budget is judged on, typed on the entity list and
# on the task list: those that cost most on the large demo county -- single
# letters, two pinyin initials, common characters and pairs, digits, three
# characters (trigrams), no match. Regular expressions (an expert's search,
# checked row by row: no index answers one) are reported, without a budget.
SEARCH_KEYS='/a<BS>d<BS>q<BS>x<BS>dd<BS><BS>lh<BS><BS>zs<BS><BS>xy<BS><BS>乡<BS>卫<BS>中<BS>乡卫<BS><BS>诊所<BS><BS>中心<BS><BS>13<BS><BS>xyzzy<Esc>'
SEARCH_REGEX_KEYS='//q<BS>^中<BS><BS>^中山.*室1$<Esc>'
BUDGET_IMPORT_RATIO=1.5     # import of 10 records, large county / small county
BUDGET_EXPORT_RATIO=2       # export of 10 changes / stock git bundle create
BUDGET_GRID_EXPORT_MB=64    # export of one grid from the county, peak memory
BUDGET_ENROLL_MB=256        # enrolling an officer (county's bundle, officer's init), peak memory
BUDGET_ENROLL_S=5           # the same, CPU seconds of both together
BUDGET_WORKSPACE_GB=1       # the large county's workspace on disk
BUDGET_DB_FREE_SHARE=0.0625 # its database's free pages, share of the file, after the
                            # first enroll (the changed table emptied); was 0.10
BUDGET_SYNC_FIXED_MINSTR=40 # export with nothing new (every sync command's fixed cost),
                            # millions of instructions; was 86.5 with libgit2 parsing the
                            # system CA bundle (wangge --version alone: 15.5, and
                            # 7.6 once libpinyin was loaded on first use and
                            # libcrypto named first, configure.ac)
BUDGET_HISTORY_RATIO=1      # the county's history / stock git repack -adf of it (BENCH_REPACK=1)
