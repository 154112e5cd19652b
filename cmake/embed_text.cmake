# Writes OUT, a C++ file defining kefu::FUNC() as the text of IN.
file(READ ${IN} content)
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace kefu {\nconst char* ${FUNC}() {\n  return R\"KEFU_EMBED(${content})KEFU_EMBED\";\n}\n}  // namespace kefu\n")
