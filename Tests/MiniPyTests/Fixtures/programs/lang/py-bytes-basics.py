data = b"hello"
print(data, data[0], data[1:3], len(data), list(data), data.decode(), data.upper() if hasattr(data, "upper") else b"")
raw = bytes([72, 105])
print(raw, raw == b"Hi", b"a" + b"b", b"ab" * 2, "héllo".encode())
print(type(data).__name__, isinstance(data, bytes), b"x" in b"xyz")
