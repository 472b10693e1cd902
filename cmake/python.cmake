# The Python module `tocsin` (doc/python.md): a pybind11 extension `tocsin._tocsin` over the same
# static library as the CLI, plus the pure-Python package python/tocsin/ (data frames, Store),
# assembled in ${CMAKE_BINARY_DIR}/python/tocsin. scripts/install-python.sh points Debian's
# python3 at ${CMAKE_BINARY_DIR}/python with a .pth file; python/tests/ is its pytest suite.
# Included at the end of the top-level CMakeLists.txt when TOCSIN_PYTHON is ON.

# A shared object links the library's objects: they must be position-independent. Nothing
# interposes the library's symbols, so PIC need not stop GCC from inlining them.
set_target_properties(tocsin_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_options(tocsin_lib PRIVATE -fno-semantic-interposition)

# Debian's interpreter (pybind11, pandas and pytest are Debian packages), not whatever python3
# comes first on PATH (e.g. a pyenv build).
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter of the tocsin module")
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(Python 3.9 REQUIRED COMPONENTS Interpreter Development.Module)
find_package(pybind11 2.6 CONFIG REQUIRED)

set(TOCSIN_PYTHON_DIR "${CMAKE_BINARY_DIR}/python")
pybind11_add_module(tocsin_python MODULE ${CMAKE_SOURCE_DIR}/python/src/module.cc)
set_target_properties(tocsin_python PROPERTIES OUTPUT_NAME _tocsin
  LIBRARY_OUTPUT_DIRECTORY "${TOCSIN_PYTHON_DIR}/tocsin")
target_link_libraries(tocsin_python PRIVATE tocsin_lib)

# The pure-Python files, copied beside the extension.
file(GLOB TOCSIN_PYTHON_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/tocsin/*.py)
set(TOCSIN_PYTHON_COPIES)
foreach(f IN LISTS TOCSIN_PYTHON_SOURCES)
  get_filename_component(name "${f}" NAME)
  add_custom_command(OUTPUT "${TOCSIN_PYTHON_DIR}/tocsin/${name}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${f}" "${TOCSIN_PYTHON_DIR}/tocsin/${name}"
    DEPENDS "${f}" VERBATIM)
  list(APPEND TOCSIN_PYTHON_COPIES "${TOCSIN_PYTHON_DIR}/tocsin/${name}")
endforeach()
add_custom_target(tocsin_python_files ALL DEPENDS ${TOCSIN_PYTHON_COPIES})
add_dependencies(tocsin_python tocsin_python_files)
