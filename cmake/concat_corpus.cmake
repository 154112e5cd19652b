# Writes OUT, the classifier corpus as `label<TAB>text` lines, from the
# class files DIR/<label>.txt (one example a line; comments and blank lines
# are kept and skipped by the parser, text/corpus.cc), in file name order.
file(GLOB files ${DIR}/*.txt)
list(SORT files)
set(out "")
foreach(f IN LISTS files)
  get_filename_component(label ${f} NAME_WE)
  file(READ ${f} content)
  string(REPLACE "\r" "" content "${content}")
  if(NOT content MATCHES "\n$")
    string(APPEND content "\n")
  endif()
  string(REGEX REPLACE "([^\n]*)\n" "${label}\t\\1\n" content "${content}")
  string(APPEND out "${content}")
endforeach()
file(WRITE ${OUT} "${out}")
