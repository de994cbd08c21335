# Fuzz harnesses (#13): libFuzzer with Debian's clang (apt install clang), built only when clang++
# is there. Each harness compiles the code it fuzzes itself, instrumented (the core library is
# built by the C++ compiler of the project, usually g++). `ctest -R fuzz` runs each a few
# seconds (FUZZ_SECONDS); `make fuzz` runs each longer.
find_program(TSUNAGU_CLANGXX NAMES clang++ clang++-16 clang++-15 clang++-14)
if(NOT TSUNAGU_CLANGXX)
  message(STATUS "no clang++: the fuzz harnesses are left out (apt install clang)")
  return()
endif()
set(FUZZ_DIR ${CMAKE_BINARY_DIR}/fuzz)
set(FUZZ_SECONDS 5 CACHE STRING "seconds each fuzz harness runs in ctest")
set(FUZZ_FLAGS -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
    -I${CMAKE_SOURCE_DIR}/src -DBOOST_ASIO_NO_DEPRECATED)
function(tsunagu_fuzzer name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS" ${ARGN})
  set(srcs ${CMAKE_SOURCE_DIR}/tests/fuzz/${name}_fuzz.cpp)
  foreach(s ${F_SOURCES})
    list(APPEND srcs ${CMAKE_SOURCE_DIR}/${s})
  endforeach()
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/*.hpp)
  add_custom_command(
    OUTPUT ${FUZZ_DIR}/${name}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FUZZ_DIR}
    COMMAND ${TSUNAGU_CLANGXX} ${FUZZ_FLAGS} ${srcs} -o ${FUZZ_DIR}/${name} ${F_LIBS}
    DEPENDS ${srcs} ${headers}
    COMMENT "fuzz harness ${name} (clang, libFuzzer)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(fuzz_${name} ALL DEPENDS ${FUZZ_DIR}/${name})
  add_test(NAME fuzz.${name}
           COMMAND ${CMAKE_SOURCE_DIR}/scripts/fuzz-run ${FUZZ_DIR}/${name}
                   ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${name} ${FUZZ_SECONDS})
  set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT 300 ENVIRONMENT "FUZZ_ARTIFACTS=${FUZZ_DIR}/;FUZZ_SEED=1")
endfunction()

tsunagu_fuzzer(request_parse SOURCES src/http/request_parse.cpp)
tsunagu_fuzzer(json_fields SOURCES src/http/json_body.cpp src/http/message.cpp src/calendar/date.cpp LIBS -lboost_json)
tsunagu_fuzzer(backup_header SOURCES src/cli/backup_crypto.cpp LIBS -lsodium)
tsunagu_fuzzer(csv
  SOURCES src/directory/directory_csv.cpp src/directory/directory_rules.cpp src/http/json_body.cpp
          src/http/message.cpp src/calendar/date.cpp src/http/request_parse.cpp src/monitoring/standard_periods.cpp
          src/storage/json_column.cpp
  LIBS -lboost_json -licuuc)
