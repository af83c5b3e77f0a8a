# Dedup accuracy on the labelled set (tests/eval/dedup/make_dataset.py builds it).
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME eval_dedup
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/score.py $<TARGET_FILE:newsflow> ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(eval_dedup PROPERTIES LABELS eval)

# The index survives a restart through `newsflow process --state FILE`.
add_test(NAME dedup_restart
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/restart_test.py $<TARGET_FILE:newsflow>)
set_tests_properties(dedup_restart PROPERTIES LABELS eval)
