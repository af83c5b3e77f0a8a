# The bundled samples (samples/articles.ndjson and the generated
# samples/bad-articles.ndjson) through `newsflow process`: every good line
# passes, every bad line is rejected with its expected error_class.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME samples_process
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/deploy/check_samples.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/samples_process)
set_tests_properties(samples_process PROPERTIES LABELS unit TIMEOUT 300)
