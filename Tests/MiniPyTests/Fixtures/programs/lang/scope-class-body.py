class Config:
    base = 10
    doubled = base * 2
    items = [base + i for i in range(3)]
    def get(self):
        return self.base + self.doubled
print(Config.doubled, Config.items, Config().get())
