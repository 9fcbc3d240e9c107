xs = [5, 3, 8, 1]
xs.append(7); xs.insert(0, 9); xs.extend([2, 2])
print(xs, xs.index(8), xs.count(2))
xs.remove(2); popped = xs.pop(); first = xs.pop(0)
print(xs, popped, first)
xs.sort(reverse=True)
print(xs, sorted(xs), xs[1:-1], xs[::2])
xs[1:3] = ["a", "b", "c"]
print(xs, len(xs))
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix, [row[1] for row in matrix], list(zip(*matrix)))
print([x for row in matrix for x in row if x % 2])
