# Topics accuracy: runs `newsflow process` over the labelled set and fails
# below top-level micro-F1 0.80, first-topic precision 0.85, real first-topic
# accuracy 0.73, first-topic accuracy 0.70 on the 2004 Wikinews set, 0.80 on
# the fresh 2020 one, 0.70 on the fresh 2004 one, 0.84 on the third 2004-5 one,
# 0.58 on the fresh Global Voices one, 0.12 on the second, 2004 one, 0.62 on the
# third, May 2012 one, 0.45 on the fourth, mid-May 2012 one, 0.40 on the fifth,
# 14-15 May 2012 one or 0.46 on the sixth, 15-17 May 2012 one (evaluate.py).
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME eval_topics
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/evaluate.py $<TARGET_FILE:newsflow>
          --dir ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(eval_topics PROPERTIES LABELS eval TIMEOUT 300)
