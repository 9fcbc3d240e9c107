def read_lines(text):
    for line in text.splitlines():
        yield line

def non_empty(lines):
    for line in lines:
        if line.strip():
            yield line.strip()

def tokens(lines):
    for line in lines:
        yield from line.split()

text = """alpha beta

gamma
  delta epsilon  """
pipeline = tokens(non_empty(read_lines(text)))
print(next(pipeline))
print(list(pipeline))
print(sum(len(t) for t in tokens(["a bb", "ccc"])))
