// Empty: the translation unit that builds the precompiled headers (CMakeLists.txt).
