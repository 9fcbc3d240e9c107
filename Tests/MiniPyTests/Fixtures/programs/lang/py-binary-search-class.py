class SortedList:
    def __init__(self, items=()):
        self.items = sorted(items)
    def add(self, x):
        lo, hi = 0, len(self.items)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.items[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        self.items.insert(lo, x)
    def __contains__(self, x):
        lo, hi = 0, len(self.items) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.items[mid] == x:
                return True
            if self.items[mid] < x:
                lo = mid + 1
            else:
                hi = mid - 1
        return False
    def __repr__(self):
        return f"SortedList({self.items})"
s = SortedList([5, 1, 4])
s.add(3); s.add(9); s.add(0)
print(s, 4 in s, 7 in s)
