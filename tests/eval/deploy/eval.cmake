# Deployment material (deploy/): alert rules under promtool, the dashboard and
# alerts against the metric contract (deploy/metrics.txt), and the example and
# Kubernetes configuration through `newsflow config`. Label unit: they are
# fast checks, not accuracy evaluations.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME deploy_prometheus_rules
  COMMAND ${CMAKE_SOURCE_DIR}/tests/deploy/check_prometheus.sh ${CMAKE_SOURCE_DIR})
add_test(NAME deploy_metric_references
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/deploy/check_metric_refs.py
          ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_metric_references)
add_test(NAME deploy_config_files
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/deploy/check_deploy_config.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_config_files)
set_tests_properties(deploy_prometheus_rules deploy_metric_references deploy_config_files
  PROPERTIES LABELS unit TIMEOUT 120)

# The Kafka path's live /metrics (newsflow demo on the mock cluster) against
# the same contract, with the bundled samples' dead letters counted by class.
add_test(NAME deploy_demo_metrics
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/deploy/check_demo_metrics.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_demo_metrics)
# RUN_SERIAL: mock-cluster group joins are timing-sensitive; running beside
# other mock-cluster tests (StageTest) under load stalled their rebalances.
set_tests_properties(deploy_demo_metrics PROPERTIES LABELS unit TIMEOUT 120 RUN_SERIAL TRUE)

# `newsflow run` with deploy/newsflow.yaml against the demo's mock broker: the
# ready log line, the Dockerfile's HEALTHCHECK command, SIGTERM -> exit 0
# inside run.shutdown_timeout.
add_test(NAME deploy_run_supervision
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/deploy/check_run_supervision.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_run_supervision)
set_tests_properties(deploy_run_supervision PROPERTIES LABELS unit TIMEOUT 180 RUN_SERIAL TRUE)

# The PyPI tools of tests/deploy/requirements.txt (CloudEvents SDK,
# kubernetes-validate) in a venv beside Debian's packages; reused while the
# requirements are unchanged. Label integration, like its users: they need
# the network on a first run (PyPI, the Go module proxy).
set(NEWSFLOW_TEST_VENV ${CMAKE_BINARY_DIR}/test-venv)
add_test(NAME test_venv COMMAND ${CMAKE_SOURCE_DIR}/tests/deploy/make-venv ${NEWSFLOW_TEST_VENV})
set_tests_properties(test_venv PROPERTIES FIXTURES_SETUP test_venv LABELS integration TIMEOUT 600)

# The Helm chart: helm lint and template (Helm built with go install, cached),
# objects validated against the Kubernetes, KEDA and Prometheus Operator schemas.
add_test(NAME deploy_helm_chart
  # env: the venv is made by the test_venv fixture, after ctest reads this.
  COMMAND /usr/bin/env ${NEWSFLOW_TEST_VENV}/bin/python ${CMAKE_SOURCE_DIR}/tests/deploy/check_helm.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_helm_chart)
# A first run builds Helm (minutes on two busy cores); later runs take seconds.
set_tests_properties(deploy_helm_chart PROPERTIES LABELS integration FIXTURES_REQUIRED test_venv TIMEOUT 1800)

# The compose stack without Docker: the Compose specification's JSON schema
# (compose-go module) and the wiring between its services and files.
add_test(NAME deploy_compose_stack
  COMMAND /usr/bin/env ${NEWSFLOW_TEST_VENV}/bin/python ${CMAKE_SOURCE_DIR}/tests/deploy/check_compose.py
          $<TARGET_FILE:newsflow> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/deploy_compose_stack)
set_tests_properties(deploy_compose_stack PROPERTIES LABELS integration FIXTURES_REQUIRED test_venv TIMEOUT 300)
