s = "  Hello, World! Hello, Python.  "
print(repr(s.strip()), s.lower().count("hello"), s.find("World"), s.replace("Hello", "Bye", 1))
words = [w.strip(",.!") for w in s.split()]
print(words, "-".join(words), words[::-1])
print(s.strip().startswith("Hello"), s.strip().endswith("."), "py" in s.lower())
print("%-8s|%8s|%08.3f" % ("left", "right", 3.14159))
print("{:<10}|{:^10}|{:>10}".format("a", "b", "c"))
print("abc"[1:], "abc"[-1], "".join(reversed("abc")), ord("A") + 1, chr(ord("a") + 2))
