# Quote extraction accuracy over the hand-labelled articles in
# tests/eval/quotes (see docs/quotes.md). Runs the production path
# `newsflow process` and fails below F1 0.90 or speaker accuracy 0.90 on the
# project's sets, or below the real-article gates on the news-please halves
# and on the Wikinews dev sets (articles_wn_dev.txt, 2020; articles_wn19_dev.txt,
# 2019, gated at F1 0.96 / speaker 0.90, which main before the eighth round fails;
# articles_wn19b_dev.txt, the 2019 articles after those, gated at F1 0.95 /
# speaker 0.84, which main before the ninth round fails; articles_wn19c_dev.txt,
# the 2019 articles after wn19b's, gated at F1 0.96 / speaker 0.65, just
# below their first scoring, 0.966 / 0.657; articles_wn19d_dev.txt, the summer
# 2019 articles after wn19c's, gated at F1 0.98 / speaker 0.78, just below
# their first scoring, 0.990 / 0.784; articles_wn19e_dev.txt, the September
# 2019 articles after wn19d's, gated at F1 0.93 / speaker 0.66, just below
# their first scoring, 0.940 / 0.667; articles_wn19f_dev.txt, the autumn
# 2019 articles after wn19e's, gated at F1 0.97 / speaker 0.74, just below
# their first scoring, 0.975 / 0.746; articles_wn19g_dev.txt, the October
# 2019 articles after wn19f's, gated at F1 0.92 / speaker 0.76, just below
# their first scoring, 0.930 / 0.773; articles_wn19h_dev.txt, the November
# and December 2019 articles after wn19g's, gated at F1 0.92 / speaker 0.70,
# just below their first scoring, 0.941 / 0.725; articles_wn20b_dev.txt, the
# April to August 2020 articles after wn-dev's, gated at F1 0.94 / speaker
# 0.70, just below their first scoring, 0.950 / 0.716; articles_wn20c_dev.txt,
# the August to October 2020 articles after wn20b's, gated at F1 0.90 /
# speaker 0.64, just below their first scoring, 0.911 / 0.653;
# articles_wn20d_dev.txt, the late October to December 2020 articles after
# wn20c's, gated at F1 0.90 / speaker 0.80, just below their first scoring,
# 0.910 / 0.812).
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME quotes_eval
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/score_quotes.py $<TARGET_FILE:newsflow>
    --min-f1 0.90 --min-speaker 0.90 --min-real-f1 0.94 --min-real-speaker 0.83
    --min-wn-f1 0.92 --min-wn-speaker 0.82 --min-wn19-f1 0.96 --min-wn19-speaker 0.90
    --min-wn19b-f1 0.95 --min-wn19b-speaker 0.84
    --min-wn19c-f1 0.96 --min-wn19c-speaker 0.65
    --min-wn19d-f1 0.98 --min-wn19d-speaker 0.78
    --min-wn19e-f1 0.93 --min-wn19e-speaker 0.66
    --min-wn19f-f1 0.97 --min-wn19f-speaker 0.74
    --min-wn19g-f1 0.92 --min-wn19g-speaker 0.76
    --min-wn19h-f1 0.92 --min-wn19h-speaker 0.70
    --min-wn20b-f1 0.94 --min-wn20b-speaker 0.70
    --min-wn20c-f1 0.90 --min-wn20c-speaker 0.64
    --min-wn20d-f1 0.90 --min-wn20d-speaker 0.80)
set_tests_properties(quotes_eval PROPERTIES LABELS eval TIMEOUT 120)
