import CNcursesw
import TutorRender
