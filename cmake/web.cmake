# `tocsin serve`: cpp-httplib (Debian libcpp-httplib-dev) for the server, and the dashboard:
# web/ plus the npm libraries it uses (leaflet, leaflet.markercluster, d3, topojson-client) and
# the world-atlas country borders, copied into ${CMAKE_BINARY_DIR}/web at build time.
# The browser test (tests/browser/) is registered here. See doc/dashboard.md.
# Included at the end of the top-level CMakeLists.txt (needs tocsin_lib, tocsin, tocsin_tests).

pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
target_link_libraries(tocsin_lib PUBLIC PkgConfig::HTTPLIB)

set(TOCSIN_WEB_DIR "${CMAKE_BINARY_DIR}/web")
target_compile_definitions(tocsin PRIVATE TOCSIN_BUILD_WEB_DIR="${TOCSIN_WEB_DIR}")

set(TOCSIN_WEB_VENDOR_FILES
  "${TOCSIN_THIRD_PARTY}/leaflet/dist/leaflet.js"
  "${TOCSIN_THIRD_PARTY}/leaflet/dist/leaflet.css"
  "${TOCSIN_THIRD_PARTY}/leaflet.markercluster/dist/leaflet.markercluster.js"
  "${TOCSIN_THIRD_PARTY}/leaflet.markercluster/dist/MarkerCluster.css"
  "${TOCSIN_THIRD_PARTY}/leaflet.markercluster/dist/MarkerCluster.Default.css"
  "${TOCSIN_THIRD_PARTY}/d3/dist/d3.min.js"
  "${TOCSIN_THIRD_PARTY}/topojson-client/dist/topojson-client.min.js"
  "${TOCSIN_THIRD_PARTY}/world-atlas/countries-50m.json")
set(TOCSIN_WEB_VENDOR_OK TRUE)
foreach(f IN LISTS TOCSIN_WEB_VENDOR_FILES)
  if(NOT EXISTS "${f}")
    set(TOCSIN_WEB_VENDOR_OK FALSE)
    message(WARNING "tocsin: ${f} is missing; run `npm ci` in ${CMAKE_SOURCE_DIR}/third_party "
                    "(the dashboard needs it)")
  endif()
endforeach()

file(GLOB_RECURSE TOCSIN_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(TOCSIN_WEB_STAMP "${CMAKE_BINARY_DIR}/web.stamp")
set(TOCSIN_WEB_COPY_VENDOR)
if(TOCSIN_WEB_VENDOR_OK)
  set(TOCSIN_WEB_COPY_VENDOR
    COMMAND ${CMAKE_COMMAND} -E copy ${TOCSIN_WEB_VENDOR_FILES} "${TOCSIN_WEB_DIR}/vendor/"
    COMMAND ${CMAKE_COMMAND} -E copy_directory "${TOCSIN_THIRD_PARTY}/leaflet/dist/images"
            "${TOCSIN_WEB_DIR}/vendor/images")
endif()
add_custom_command(
  OUTPUT ${TOCSIN_WEB_STAMP}
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${TOCSIN_WEB_DIR}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${TOCSIN_WEB_DIR}/vendor"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/web" "${TOCSIN_WEB_DIR}"
  ${TOCSIN_WEB_COPY_VENDOR}
  COMMAND ${CMAKE_COMMAND} -E touch ${TOCSIN_WEB_STAMP}
  DEPENDS ${TOCSIN_WEB_SOURCES} ${TOCSIN_WEB_VENDOR_FILES}
  COMMENT "Copying the dashboard into ${TOCSIN_WEB_DIR}"
  VERBATIM)
add_custom_target(tocsin_web ALL DEPENDS ${TOCSIN_WEB_STAMP})
add_dependencies(tocsin tocsin_web)

# Browser test: headless Debian chromium driven by npm playwright-core (skipped, exit 77, when
# node, chromium or playwright-core are missing).
if(TARGET tocsin_tests)
  add_test(NAME dashboard_browser
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/browser/run.sh $<TARGET_FILE:tocsin>
                   ${CMAKE_BINARY_DIR})
  set_tests_properties(dashboard_browser PROPERTIES
    SKIP_RETURN_CODE 77
    TIMEOUT 180
    ENVIRONMENT "TOCSIN_DATA_DIR=${CMAKE_BINARY_DIR}/data;TOCSIN_WEB_DIR=${TOCSIN_WEB_DIR};TOCSIN_THIRD_PARTY=${TOCSIN_THIRD_PARTY}")
  # The dashboard at scale: a multi-language store, and 10,000 synthetic events (timed).
  add_test(NAME dashboard_world_browser
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/browser/run.sh $<TARGET_FILE:tocsin>
                   ${CMAKE_BINARY_DIR} world)
  set_tests_properties(dashboard_world_browser PROPERTIES
    SKIP_RETURN_CODE 77
    TIMEOUT 240
    ENVIRONMENT "TOCSIN_DATA_DIR=${CMAKE_BINARY_DIR}/data;TOCSIN_WEB_DIR=${TOCSIN_WEB_DIR};TOCSIN_THIRD_PARTY=${TOCSIN_THIRD_PARTY}")
endif()
