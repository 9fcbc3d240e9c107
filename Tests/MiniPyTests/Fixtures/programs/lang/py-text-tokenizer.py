import string
def tokenize(text):
    out = []
    word = ""
    for ch in text.lower():
        if ch in string.ascii_lowercase or ch.isdigit():
            word += ch
        else:
            if word:
                out.append(word)
                word = ""
            if ch in string.punctuation:
                out.append(ch)
    if word:
        out.append(word)
    return out
toks = tokenize("Hello, world! RNNs read 1 token at a time.")
print(toks)
vocab = {t: i for i, t in enumerate(sorted(set(toks)))}
print(vocab)
print([vocab[t] for t in toks])
