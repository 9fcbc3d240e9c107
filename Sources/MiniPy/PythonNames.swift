/// Public names of the standard-library modules MiniPy provides, as CPython 3.11 has them: one MiniPy lacks
/// is an honest NotImplementedError (TorchMissing.swift), never an AttributeError CPython would not raise.
/// (Listed with `dir(module)` under the reference interpreter.)
enum PythonNames {
    static let names: [String: Set<String>] = [
        "re": [
            "A", "ASCII", "DEBUG", "DOTALL", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "Match", "NOFLAG",
            "Pattern", "RegexFlag", "S", "Scanner", "T", "TEMPLATE", "U", "UNICODE", "VERBOSE", "X", "compile", "copyreg",
            "enum", "error", "escape", "findall", "finditer", "fullmatch", "functools", "match", "purge", "search",
            "split", "sub", "subn", "template",
        ],
        "io": [
            "BlockingIOError", "BufferedIOBase", "BufferedRWPair", "BufferedRandom", "BufferedReader", "BufferedWriter",
            "BytesIO", "DEFAULT_BUFFER_SIZE", "FileIO", "IOBase", "IncrementalNewlineDecoder", "RawIOBase", "SEEK_CUR",
            "SEEK_END", "SEEK_SET", "StringIO", "TextIOBase", "TextIOWrapper", "UnsupportedOperation", "abc", "open",
            "open_code", "text_encoding",
        ],
        "__future__": [
            "CO_FUTURE_ABSOLUTE_IMPORT", "CO_FUTURE_ANNOTATIONS", "CO_FUTURE_BARRY_AS_BDFL", "CO_FUTURE_DIVISION",
            "CO_FUTURE_GENERATOR_STOP", "CO_FUTURE_PRINT_FUNCTION", "CO_FUTURE_UNICODE_LITERALS",
            "CO_FUTURE_WITH_STATEMENT", "CO_GENERATOR_ALLOWED", "CO_NESTED", "absolute_import", "all_feature_names",
            "annotations", "barry_as_FLUFL", "division", "generator_stop", "generators", "nested_scopes",
            "print_function", "unicode_literals", "with_statement",
        ],
        "math": [
            "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "comb", "copysign", "cos",
            "cosh", "degrees", "dist", "e", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "factorial", "floor", "fmod",
            "frexp", "fsum", "gamma", "gcd", "hypot", "inf", "isclose", "isfinite", "isinf", "isnan", "isqrt", "lcm",
            "ldexp", "lgamma", "log", "log10", "log1p", "log2", "modf", "nan", "nextafter", "perm", "pi", "pow", "prod",
            "radians", "remainder", "sin", "sinh", "sqrt", "tan", "tanh", "tau", "trunc", "ulp"
        ],
        "string": [
            "Formatter", "Template", "ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
            "hexdigits", "octdigits", "printable", "punctuation", "whitespace"
        ],
        "itertools": [
            "accumulate", "chain", "combinations", "combinations_with_replacement", "compress", "count", "cycle",
            "dropwhile", "filterfalse", "groupby", "islice", "pairwise", "permutations", "product", "repeat", "starmap",
            "takewhile", "tee", "zip_longest"
        ],
        "functools": [
            "GenericAlias", "RLock", "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "cache", "cached_property", "cmp_to_key",
            "get_cache_token", "lru_cache", "namedtuple", "partial", "partialmethod", "recursive_repr", "reduce",
            "singledispatch", "singledispatchmethod", "total_ordering", "update_wrapper", "wraps"
        ],
        "collections": [
            "ChainMap", "Counter", "OrderedDict", "UserDict", "UserList", "UserString", "defaultdict", "deque",
            "namedtuple"
        ],
        "random": [
            "BPF", "LOG4", "NV_MAGICCONST", "RECIP_BPF", "Random", "SG_MAGICCONST", "SystemRandom", "TWOPI",
            "betavariate", "choice", "choices", "expovariate", "gammavariate", "gauss", "getrandbits", "getstate",
            "lognormvariate", "normalvariate", "paretovariate", "randbytes", "randint", "random", "randrange", "sample",
            "seed", "setstate", "shuffle", "triangular", "uniform", "vonmisesvariate", "weibullvariate"
        ],
        "unicodedata": [
            "UCD", "bidirectional", "category", "combining", "decimal", "decomposition", "digit", "east_asian_width",
            "is_normalized", "lookup", "mirrored", "name", "normalize", "numeric", "ucd_3_2_0", "unidata_version"
        ],
    ]
}
